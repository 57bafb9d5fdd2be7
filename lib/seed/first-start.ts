import fs from 'node:fs';
import path from 'node:path';
import { and, count, inArray, isNull } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { users } from '@/db/schema';
import { SYSTEM_ACTOR } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { generateInitialPassword } from '@/lib/auth/initial-password';
import { hashPassword } from '@/lib/auth/password';
import { ONE_TIME_PASSWORD_DAYS } from '@/lib/auth/schemas';
import { newId } from '@/lib/ids';
import { DEMO_TENANTS, STAFF_USERS, seedDemo } from './demo';
import { seedSites } from './sites';

/** Name of the file beside the database that holds the first administrator's one-time password. */
export const INITIAL_ADMIN_PASSWORD_FILE = 'initial-admin-password.txt';

export type FirstStartOptions = {
  /** DEMO=1: the demo tenants and users (all with `demoPassword`). */
  demo: boolean;
  demoPassword: string;
  /** ADMIN_EMAIL: the one staff account of a production database. */
  adminEmail: string;
  /** The SQLite file (or `:memory:`): the password file goes into its folder. */
  databaseFile: string;
  log?: (message: string) => void;
  now?: Date;
};

export type FirstStartResult =
  | { seeded: null }
  | { seeded: 'demo' }
  | { seeded: 'first-admin'; email: string; userId: string; passwordFile: string | null };

/** Where the first administrator's one-time password is written: beside the database. */
export function initialAdminPasswordFile(databaseFile: string): string | null {
  if (databaseFile === ':memory:' || databaseFile === '') return null;
  return path.join(path.dirname(path.resolve(databaseFile)), INITIAL_ADMIN_PASSWORD_FILE);
}

/**
 * What an empty database gets on first start. Idempotent: a database with any user gets nothing.
 *
 * - `demo`: the demo (tenants, VMs, groups, history, their users and a staff account), every
 *   user with the demo password — for `npm run demo`, the e2e tests and the bench only.
 * - otherwise (production): the provider's own infrastructure — the eight sites and the links
 *   between them, which the demo seeds too and which are not any client's data — and ONE staff
 *   account, `adminEmail`, with a random one-time password. The password is printed once to the
 *   log and written to `initial-admin-password.txt` beside the database, created readable by
 *   its owner only (0600); `:memory:` databases get the log line only. The account must choose
 *   its own password at first sign-in, and the one-time one lapses after ONE_TIME_PASSWORD_DAYS,
 *   exactly like the password of an invited user. No tenant and no client user is created.
 */
export async function seedFirstStart(db: DB, options: FirstStartOptions): Promise<FirstStartResult> {
  const log = options.log ?? ((m: string) => console.log(m));
  const now = options.now ?? new Date();
  if (hasUsers(db)) {
    if (!options.demo) warnAboutDemoAccounts(db, log);
    return { seeded: null };
  }

  if (options.demo) {
    const seeded = await seedDemo(db, { password: options.demoPassword, now });
    return seeded ? { seeded: 'demo' } : { seeded: null };
  }

  const email = options.adminEmail.trim().toLowerCase();
  const password = generateInitialPassword();
  const passwordHash = await hashPassword(password);
  const userId = newId('usr');
  const created = db.transaction((tx) => {
    // Checked again inside the write: two processes starting on the same file create one admin.
    if (hasUsers(tx)) return false;
    seedSites(tx);
    tx.insert(users).values({ id: userId, tenantId: null, email, name: 'Administrator', role: 'staff', passwordHash, mustChangePassword: true, createdAt: now }).run();
    audit(tx, SYSTEM_ACTOR, { action: 'user.bootstrap-admin', tenantId: null, targetType: 'user', targetId: userId, details: { email, reason: 'empty database, DEMO not set' } });
    return true;
  });
  if (!created) return { seeded: null };

  const file = initialAdminPasswordFile(options.databaseFile);
  let written: string | null = null;
  if (file) {
    try {
      writeOwnerOnly(file, passwordFileText({ email, password, databaseFile: path.resolve(options.databaseFile), now }));
      written = file;
    } catch (e) {
      log(`[cloudshield] could not write ${file} (${(e as Error).message}): the password is only in this log`);
    }
  }
  log(
    `[cloudshield] empty database, DEMO not set: created the staff account ${email} with the one-time password ${password}` +
      (written ? ` (also in ${written}, readable by its owner only)` : '') +
      `. Sign in at /login and choose your own password; this one lapses after ${ONE_TIME_PASSWORD_DAYS} days.`,
  );
  return { seeded: 'first-admin', email, userId, passwordFile: written };
}

/**
 * A database first started by an earlier version (or with DEMO=1) may hold the demo's accounts,
 * whose password is public. Started without DEMO=1 it is meant for real use: say so in the log
 * (nothing is changed: disabling accounts behind the operator's back would be worse).
 */
function warnAboutDemoAccounts(db: DB, log: (message: string) => void): void {
  const emails = [...STAFF_USERS, ...DEMO_TENANTS.flatMap((t) => t.users)].map((u) => u.email);
  const active = db.select({ email: users.email }).from(users).where(and(inArray(users.email, emails), isNull(users.disabledAt))).all();
  if (active.length === 0) return;
  log(
    `[cloudshield] WARNING: DEMO is not set but this database holds ${active.length} demo account(s) (${active.map((u) => u.email).join(', ')}), ` +
      'whose password is the published demo one unless it was changed: disable them or reset their passwords, or start with DEMO=1 if this is a demo.',
  );
}

function hasUsers(db: Pick<DB, 'select'>): boolean {
  const [{ n }] = db.select({ n: count() }).from(users).all();
  return n > 0;
}

function passwordFileText({ email, password, databaseFile, now }: { email: string; password: string; databaseFile: string; now: Date }): string {
  return [
    `CloudShield: the first administrator of ${databaseFile}, created ${now.toISOString()}.`,
    '',
    `email:    ${email}`,
    `password: ${password}`,
    '',
    `A one-time password: sign in at /login and choose your own (you are asked to). It lapses after ${ONE_TIME_PASSWORD_DAYS} days.`,
    'Then delete this file.',
    '',
  ].join('\n');
}

/**
 * Creates the file readable and writable by its owner only (0600). A file left by an earlier
 * database there is replaced; O_EXCL never follows a symbolic link planted in its place.
 */
function writeOwnerOnly(file: string, text: string): void {
  fs.rmSync(file, { force: true });
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
  try {
    fs.fchmodSync(fd, 0o600); // whatever the umask
    fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}
