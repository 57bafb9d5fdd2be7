/**
 * The e-mail sender: a loop off the request path that works through the outbox's due e-mail
 * deliveries. A recipient's deliveries that arrive within a minute of each other go out as one
 * digest (one plain message when there is only one). A delivery is marked sent, in a
 * transaction, only after the mailer accepted the message: at least once, never lost. A crash
 * between the two re-sends the message after a restart, with the same event ids, which the
 * message carries for the receiver to de-duplicate. A failed send is retried with exponential
 * backoff and given up, as failed, 24 hours after the event. Deliveries are claimed (a lease,
 * EMAIL_LEASE_MS) before sending, so two processes on one database never send the same one at
 * once; a sender killed mid-send leaves its lease to run out, and the next pass after that
 * re-sends.
 */
import 'server-only';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { getDb, type DB } from '@/db';
import { outboxDeliveries, outboxEvents, tenants } from '@/db/schema';
import { serverConfig } from '@/lib/config';
import { PROCESS_CLAIMANT } from './claims';
import { smtpMailer, storeMailer, type Mailer } from './mailer';
import { composeMessage, type MessageEvent } from './messages';
import { pruneNotifications } from './retention';

export const DIGEST_WINDOW_MS = 60_000;
export const GIVE_UP_AFTER_MS = 24 * 3600_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 3600_000;

/** The wait before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min, … at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export type SendOptions = {
  mailer: Mailer;
  portalUrl: string;
  now?: Date;
  digestWindowMs?: number;
  /** Who claims the deliveries (a lease); this process by default. Two senders need two ids. */
  senderId?: string;
  /** Test hook: runs (and is awaited) after a message was sent and before its deliveries are marked (a crash there). */
  afterSend?: (eventIds: string[]) => void | Promise<void>;
};

/**
 * How long a claimed delivery stays with its sender: longer than any send takes (nodemailer's
 * connection and greeting timeouts), so a live sender never loses it; after a crash, another
 * sender takes it over once this has passed.
 */
export const EMAIL_LEASE_MS = 5 * 60_000;

export type SendSummary = { sent: number; messages: number; failed: number; retrying: number };

type Due = { id: string; eventId: string; recipient: string; attempts: number; createdAt: Date };

const unclaimed = (now: Date) => or(isNull(outboxDeliveries.claimedUntil), lte(outboxDeliveries.claimedUntil, now));

/** Every recipient's due deliveries that no live sender holds, grouped into batches ready to go (after a minute of collecting). */
function readyBatches(db: DB, now: Date, windowMs: number): { recipient: string; batch: Due[] }[] {
  const due: Due[] = db.select({ id: outboxDeliveries.id, eventId: outboxDeliveries.eventId, recipient: outboxDeliveries.recipient, attempts: outboxDeliveries.attempts, createdAt: outboxDeliveries.createdAt })
    .from(outboxDeliveries)
    .where(and(eq(outboxDeliveries.channel, 'email'), eq(outboxDeliveries.status, 'pending'), lte(outboxDeliveries.nextAttemptAt, now), unclaimed(now)))
    .orderBy(asc(outboxDeliveries.createdAt), sql`rowid`)
    .all();
  const byRecipient = new Map<string, Due[]>();
  for (const d of due) byRecipient.set(d.recipient, [...(byRecipient.get(d.recipient) ?? []), d]);
  const ready: { recipient: string; batch: Due[] }[] = [];
  for (const [recipient, all] of byRecipient) {
    const first = all[0].createdAt.getTime();
    // Still collecting: deliveries wait until a minute after the first, then go out together.
    if (all[0].attempts === 0 && now.getTime() - first < windowMs) continue;
    ready.push({ recipient, batch: all.filter((d) => d.createdAt.getTime() <= first + windowMs || d.attempts > 0) });
  }
  return ready;
}

/**
 * Claims a batch just before sending it, in a write transaction (immediate: a second process
 * doing the same waits for it, then finds the rows taken). Returns the deliveries this sender
 * now holds: those another sender took in the meantime are left out.
 */
function claim(db: DB, batch: Due[], now: Date, senderId: string): Due[] {
  const ids = db.transaction(
    (tx) => tx.update(outboxDeliveries)
      .set({ claimedBy: senderId, claimedUntil: new Date(now.getTime() + EMAIL_LEASE_MS) })
      .where(and(inArray(outboxDeliveries.id, batch.map((d) => d.id)), eq(outboxDeliveries.status, 'pending'), unclaimed(now)))
      .returning({ id: outboxDeliveries.id })
      .all(),
    { behavior: 'immediate' },
  );
  const held = new Set(ids.map((r) => r.id));
  return batch.filter((d) => held.has(d.id));
}

/** One pass: sends every recipient's due deliveries whose minute of collecting is over. */
export async function sendDueEmails(db: DB, opts: SendOptions): Promise<SendSummary> {
  const passNow = opts.now ?? new Date();
  // Real time moves on while a pass sends: a lease taken late in a long pass starts late. A
  // given `now` (tests) holds for the whole pass.
  const clock = () => opts.now ?? new Date();
  const windowMs = opts.digestWindowMs ?? DIGEST_WINDOW_MS;
  const senderId = opts.senderId ?? PROCESS_CLAIMANT;
  const summary: SendSummary = { sent: 0, messages: 0, failed: 0, retrying: 0 };
  const ready = readyBatches(db, passNow, windowMs);
  if (!ready.length) return summary;
  const events = loadEvents(db, [...new Set(ready.flatMap((r) => r.batch.map((d) => d.eventId)))]);
  for (const { recipient, batch: candidates } of ready) {
    const now = clock();
    const batch = claim(db, candidates, now, senderId);
    if (!batch.length) continue;
    const batchEvents = batch.map((d) => events.get(d.eventId)).filter((e): e is MessageEvent => !!e);
    const message = composeMessage(recipient, batchEvents, opts.portalUrl);
    try {
      await opts.mailer.send(message);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const gaveUp = markFailed(db, batch, now, why);
      summary.failed += gaveUp;
      summary.retrying += batch.length - gaveUp;
      continue;
    }
    await opts.afterSend?.(message.eventIds);
    db.transaction((tx) => {
      for (const d of batch) {
        tx.update(outboxDeliveries).set({ status: 'sent', sentAt: now, attempts: d.attempts + 1, lastError: null, claimedBy: null, claimedUntil: null })
          .where(and(eq(outboxDeliveries.id, d.id), eq(outboxDeliveries.status, 'pending'))).run();
      }
    });
    summary.sent += batch.length;
    summary.messages += 1;
  }
  return summary;
}

/** Records a failed attempt: retried after the backoff, or failed for good 24 h after it was recorded. Returns how many gave up. */
function markFailed(db: DB, batch: Due[], now: Date, why: string): number {
  let gaveUp = 0;
  db.transaction((tx) => {
    for (const d of batch) {
      const attempts = d.attempts + 1;
      const next = now.getTime() + backoffMs(attempts);
      const giveUp = next - d.createdAt.getTime() > GIVE_UP_AFTER_MS;
      if (giveUp) gaveUp += 1;
      tx.update(outboxDeliveries)
        .set({ attempts, lastError: why.slice(0, 500), status: giveUp ? 'failed' : 'pending', nextAttemptAt: new Date(next), claimedBy: null, claimedUntil: null })
        .where(eq(outboxDeliveries.id, d.id)).run();
    }
  });
  return gaveUp;
}

function loadEvents(db: DB, ids: string[]): Map<string, MessageEvent> {
  const rows = db.select({ id: outboxEvents.id, type: outboxEvents.type, tenantId: outboxEvents.tenantId, payload: outboxEvents.payload, occurredAt: outboxEvents.occurredAt, tenantName: tenants.name })
    .from(outboxEvents).leftJoin(tenants, eq(tenants.id, outboxEvents.tenantId)).where(inArray(outboxEvents.id, ids)).all();
  return new Map(rows.map((r) => [r.id, { ...r, tenantName: r.tenantName ?? null }]));
}

/** The mailer the configuration asks for: SMTP with SMTP_URL, else the offline `sent_mail` store. */
export function configuredMailer(db: DB): Mailer {
  const cfg = serverConfig();
  return cfg.SMTP_URL ? smtpMailer(cfg.SMTP_URL, cfg.MAIL_FROM) : storeMailer(db);
}

const globalForSender = globalThis as unknown as { __cloudshieldMailSender?: () => void };

/** How often the loop prunes old notifications (retention.ts); each prune is bounded. */
export const PRUNE_EVERY_MS = 60_000;

/**
 * Starts the sender loop (every `intervalMs`, real time; never on a request or the simulator's
 * tick). Idempotent; returns a function that stops it. A pass never overlaps the previous one.
 * About once a minute a pass also prunes finished notifications past NOTIFICATION_RETENTION_DAYS.
 */
export function startNotificationSender(deps?: { db?: DB; mailer?: Mailer; portalUrl?: string; intervalMs?: number; digestWindowMs?: number; retentionDays?: number }): () => void {
  if (globalForSender.__cloudshieldMailSender) return globalForSender.__cloudshieldMailSender;
  const db = deps?.db ?? getDb();
  const mailer = deps?.mailer ?? configuredMailer(db);
  const portalUrl = deps?.portalUrl ?? serverConfig().PORTAL_URL;
  const digestWindowMs = deps?.digestWindowMs ?? serverConfig().MAIL_DIGEST_SECONDS * 1000;
  const retentionDays = deps?.retentionDays ?? serverConfig().NOTIFICATION_RETENTION_DAYS;
  let running = false;
  let lastPrune = 0;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sendDueEmails(db, { mailer, portalUrl, digestWindowMs })
      .then(() => {
        if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
        lastPrune = Date.now();
        pruneNotifications(db, Date.now(), { retentionDays });
      })
      .catch((error) => console.error('[cloudshield] notification sender', error))
      .finally(() => { running = false; });
  }, deps?.intervalMs ?? 5_000);
  timer.unref?.();
  const stop = () => {
    clearInterval(timer);
    mailer.close?.();
    if (globalForSender.__cloudshieldMailSender === stop) delete globalForSender.__cloudshieldMailSender;
  };
  globalForSender.__cloudshieldMailSender = stop;
  return stop;
}
