import { Cron } from 'croner';
import { z } from 'zod';

/**
 * Environment of the server, validated once. See README "Configuration".
 * `DATABASE_URL` is a SQLite file path (a `file:` prefix is accepted); a PostgreSQL URL is refused
 * until the portal runs on PostgreSQL (issue 21, docs/postgresql.md).
 */
const envSchema = z.object({
  DATABASE_URL: z.string().min(1).default('./data/cloudshield.db').refine((url) => !isPostgresUrl(url), { error: () => POSTGRES_IN_PROGRESS }),
  SIM_SPEED: z.coerce.number().positive().max(100_000).default(1),
  /** Set to 0 to serve without the replication simulator ticking (tests of pure API behaviour). */
  SIM_ENABLED: z.enum(['0', '1']).default('1'),
  DEMO_PASSWORD: z.string().min(8).default('demo-password'),
  /** 1: an empty database gets the demo (tenants, users with DEMO_PASSWORD). Otherwise the sites and one staff account, ADMIN_EMAIL. */
  DEMO: z.enum(['0', '1']).default('0'),
  /** The first staff account of a production (non-demo) database; its one-time password is printed once and kept beside the database. */
  ADMIN_EMAIL: z.string().trim().toLowerCase().regex(/^[^\s@]+@[^\s@]+$/, { error: 'ADMIN_EMAIL must be an email address, e.g. admin@example.com' }).max(254).default('admin@localhost'),
  AUTH_SECRET: z.string().min(16).optional(),
  /** The AUTH_SECRET before a rotation: secrets sealed under it are still opened, and re-sealed under AUTH_SECRET at start. */
  AUTH_SECRET_PREVIOUS: z.string().min(16).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  /** Default lifetime of API tokens; at most 90 days (issue 19: a leaked token must die on its own). */
  TOKEN_TTL_HOURS: z.coerce.number().int().positive().max(24 * 90).default(24 * 30),
  /** Set to 1 to let webhook endpoints use http:// and loopback or private addresses (local testing only). */
  WEBHOOK_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
  /** E-mail notifications go out through this SMTP server (smtp://user:pass@host:port, smtps://…); unset: kept in the staff "Sent mail" view. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, { error: 'SMTP_URL must start with smtp:// or smtps://' }).optional(),
  MAIL_FROM: z.string().min(3).default('CloudShield <notifications@cloudshield.local>'),
  /** A recipient's notifications within this many seconds of the first go out as one digest (0: each on its own). */
  MAIL_DIGEST_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** The portal's address, for links in messages. */
  PORTAL_URL: z.url().default('http://localhost:3000'),
  /** Finished notifications (outbox events, sent mail, webhook delivery log) older than this many days are pruned. */
  NOTIFICATION_RETENTION_DAYS: z.coerce.number().int().positive().max(3650).default(30),
  /**
   * Reverse proxies in front of the portal whose X-Forwarded-For entries are believed (0: none,
   * the socket's address is the client's). Applied by server.mjs (lib/server/forwarding.mjs,
   * which refuses to start on a bad value); validated here as well so it is listed with the rest.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Live streams (GET /api/v1/events) one user may hold open at once; the next is refused with 429. */
  LIVE_STREAMS_PER_USER: z.coerce.number().int().positive().max(10_000).default(5),
  /** Backups of the SQLite database (issue 21): where they go; default `backups/` beside the database file. */
  BACKUP_DIR: z.string().min(1).optional(),
  /** When scheduled backups run: a five-field cron in UTC (default daily at 03:00), or `off`. */
  BACKUP_SCHEDULE: z
    .string()
    .trim()
    .default('0 3 * * *')
    .refine((v) => v === 'off' || validCron(v), { error: 'BACKUP_SCHEDULE must be a five-field cron expression (UTC), e.g. "0 3 * * *", or off' }),
  /** How many backups to keep (the newest); older ones are deleted after each backup. */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  /** Backups older than this many days are deleted too (0: no age limit). The newest verified backup is always kept. */
  BACKUP_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** How often an open live stream checks that its session or token is still valid (ended, expired, revoked → the stream ends). */
  LIVE_AUTH_RECHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

function validCron(pattern: string): boolean {
  if (pattern.split(/\s+/).length !== 5) return false;
  try {
    new Cron(pattern, { paused: true, timezone: 'UTC' }).stop();
    return true;
  } catch {
    return false;
  }
}

export type ServerConfig = z.infer<typeof envSchema>;

let cached: ServerConfig | undefined;

export function serverConfig(): ServerConfig {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`Invalid environment: ${fields}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Whether a DATABASE_URL names a PostgreSQL server (postgres:// or postgresql://) rather than a SQLite file. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url.trim());
}

/**
 * Why a postgres:// DATABASE_URL is refused: the schema, migrations and connection exist
 * (db/pg), the domain does not run on them yet. Refused rather than taken for a file name.
 */
export const POSTGRES_IN_PROGRESS =
  'DATABASE_URL names a PostgreSQL server: PostgreSQL support is in progress (issue 21, docs/postgresql.md) and the portal runs on SQLite only for now; set DATABASE_URL to a SQLite file path such as ./data/cloudshield.db';

/** The SQLite file a DATABASE_URL names (the CLIs read DATABASE_URL through this too). */
export function databasePath(url = serverConfig().DATABASE_URL): string {
  if (isPostgresUrl(url)) throw new Error(POSTGRES_IN_PROGRESS);
  return url.replace(/^file:/, '');
}

/**
 * Whether webhook endpoints may be plain http:// and resolve to loopback or private addresses
 * (WEBHOOK_ALLOW_PRIVATE=1). Read each time rather than from the cached config, so a test can
 * turn it on and off; validated like the rest (a value other than 0/1 is refused).
 */
export function webhookAllowPrivate(): boolean {
  return envSchema.shape.WEBHOOK_ALLOW_PRIVATE.parse(process.env.WEBHOOK_ALLOW_PRIVATE || undefined) === '1';
}

/**
 * The server secret before a rotation (AUTH_SECRET_PREVIOUS), if set. Read each time rather than
 * from the cached config, so a test can set it; validated like the rest.
 */
export function authSecretPrevious(): string | undefined {
  return envSchema.shape.AUTH_SECRET_PREVIOUS.parse(process.env.AUTH_SECRET_PREVIOUS || undefined);
}

/**
 * LIVE_AUTH_RECHECK_SECONDS: how often an open live stream re-checks its session or token. Read
 * each time rather than from the cached config, so a test can shorten it; validated like the rest.
 */
export function liveAuthRecheckSeconds(): number {
  return envSchema.shape.LIVE_AUTH_RECHECK_SECONDS.parse(process.env.LIVE_AUTH_RECHECK_SECONDS || undefined);
}
