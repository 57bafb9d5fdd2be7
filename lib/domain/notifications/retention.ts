/**
 * Retention of what the notifications leave behind (issue 16): finished outbox events (with
 * their e-mail deliveries), the offline "sent mail", and the webhook delivery log are removed
 * once older than NOTIFICATION_RETENTION_DAYS (30 by default). Nothing still pending is touched,
 * and each endpoint keeps its latest KEEP_LATEST_DELIVERIES attempts whatever their age, so a
 * quiet endpoint's log is never emptied. Each pass deletes at most `limit` rows per table, so a
 * large backlog is worked off over several passes without holding the write lock for long.
 */
import 'server-only';
import { and, asc, eq, inArray, isNotNull, lt, notExists, sql } from 'drizzle-orm';
import type { DB } from '@/db';
import { outboxDeliveries, outboxEvents, sentMail, webhookDeliveries } from '@/db/schema';

export const KEEP_LATEST_DELIVERIES = 100;
export const PRUNE_LIMIT = 500;
const DAY_MS = 24 * 3_600_000;

export type PruneOptions = { retentionDays: number; keepPerEndpoint?: number; limit?: number };
export type PruneSummary = { events: number; sentMail: number; webhookDeliveries: number };

export function pruneNotifications(db: DB, nowMs: number, opts: PruneOptions): PruneSummary {
  const cutoff = new Date(nowMs - opts.retentionDays * DAY_MS);
  const keep = opts.keepPerEndpoint ?? KEEP_LATEST_DELIVERIES;
  const limit = opts.limit ?? PRUNE_LIMIT;
  return db.transaction(
    (tx) => {
      // Events: old, fanned out to the webhooks, and with nothing of theirs still pending.
      const eventIds = tx
        .select({ id: outboxEvents.id })
        .from(outboxEvents)
        .where(and(
          lt(outboxEvents.createdAt, cutoff),
          isNotNull(outboxEvents.webhooksQueuedAt),
          notExists(tx.select({ one: sql`1` }).from(outboxDeliveries).where(and(eq(outboxDeliveries.eventId, outboxEvents.id), eq(outboxDeliveries.status, 'pending')))),
          notExists(tx.select({ one: sql`1` }).from(webhookDeliveries).where(and(eq(webhookDeliveries.messageId, outboxEvents.id), eq(webhookDeliveries.status, 'pending')))),
        ))
        .orderBy(asc(outboxEvents.createdAt))
        .limit(limit)
        .all()
        .map((r) => r.id);
      // Their e-mail deliveries go with them (the foreign key cascades; said here too).
      if (eventIds.length) {
        tx.delete(outboxDeliveries).where(inArray(outboxDeliveries.eventId, eventIds)).run();
        tx.delete(outboxEvents).where(inArray(outboxEvents.id, eventIds)).run();
      }
      const mailIds = tx.select({ id: sentMail.id }).from(sentMail).where(lt(sentMail.sentAt, cutoff)).orderBy(asc(sentMail.sentAt)).limit(limit).all().map((r) => r.id);
      if (mailIds.length) tx.delete(sentMail).where(inArray(sentMail.id, mailIds)).run();
      // The delivery log: finished attempts past the cutoff, beyond each endpoint's latest `keep`.
      const deliveryIds = tx
        .all<{ id: string }>(sql`
          select id from (
            select id, status, created_at,
              row_number() over (partition by endpoint_id order by created_at desc, id desc) as rn
            from webhook_deliveries
          )
          where rn > ${keep} and status <> 'pending' and created_at < ${cutoff.getTime()}
          order by created_at
          limit ${limit}`)
        .map((r) => r.id);
      if (deliveryIds.length) tx.delete(webhookDeliveries).where(inArray(webhookDeliveries.id, deliveryIds)).run();
      return { events: eventIds.length, sentMail: mailIds.length, webhookDeliveries: deliveryIds.length };
    },
    { behavior: 'immediate' },
  );
}
