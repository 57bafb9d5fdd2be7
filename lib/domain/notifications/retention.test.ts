import { describe, expect, it, vi } from 'vitest';
import type { DB } from '@/db';
import { outboxDeliveries, outboxEvents, sentMail, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { seededTestDb } from '@/lib/testing/db';
import { storeMailer } from './mailer';
import { pruneNotifications } from './retention';
import { startNotificationSender } from './sender';

const DAY = 24 * 3_600_000;
const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const daysAgo = (d: number) => new Date(NOW - d * DAY);

function event(db: DB, id: string, ageDays: number, { delivery = 'sent' as 'sent' | 'pending' | 'failed' | null, queued = true } = {}) {
  db.insert(outboxEvents).values({ id, type: 'site.down', tenantId: null, payload: {}, occurredAt: daysAgo(ageDays), createdAt: daysAgo(ageDays), webhooksQueuedAt: queued ? daysAgo(ageDays) : null }).run();
  if (delivery) {
    db.insert(outboxDeliveries).values({ id: `dlv_${id}`, eventId: id, channel: 'email', recipient: 'staff@calligo.test', status: delivery, attempts: 1, nextAttemptAt: daysAgo(ageDays), createdAt: daysAgo(ageDays) }).run();
  }
}

function mail(db: DB, id: string, ageDays: number) {
  db.insert(sentMail).values({ id, to: 'a@b.test', subject: 's', text: 't', html: 'h', sentAt: daysAgo(ageDays), eventIds: [] }).run();
}

function endpoint(db: DB, id: string) {
  db.insert(webhookEndpoints).values({ id, tenantId: 'ten_acme', url: 'https://hooks.example.com/x', events: ['site.down'], secret: 'whsec_x', createdBy: 'usr_admin_acme', createdAt: daysAgo(400) }).run();
}

function attempt(db: DB, id: string, endpointId: string, ageDays: number, status: 'pending' | 'delivered' | 'failed' | 'cancelled' = 'delivered', messageId = `evt_${id}`) {
  db.insert(webhookDeliveries).values({
    id, endpointId, messageId, eventType: 'site.down', payload: { type: 'site.down', timestamp: daysAgo(ageDays).toISOString(), data: {} }, trigger: 'event', attempt: 1, status,
    nextAttemptAt: status === 'pending' ? daysAgo(ageDays) : null, firstAttemptAt: daysAgo(ageDays), createdAt: daysAgo(ageDays),
  }).run();
}

const ids = (db: DB, table: typeof outboxEvents | typeof sentMail | typeof webhookDeliveries | typeof outboxDeliveries) => db.select({ id: table.id }).from(table).all().map((r) => r.id).sort();

describe('notification retention', () => {
  it('prunes finished events with their deliveries, sent mail and the delivery log past the retention period, nothing pending', async () => {
    const db = await seededTestDb();
    event(db, 'evt_old_sent', 31);
    event(db, 'evt_old_failed', 40, { delivery: 'failed' });
    event(db, 'evt_old_pending', 31, { delivery: 'pending' });
    event(db, 'evt_old_unqueued', 31, { delivery: null, queued: false });
    event(db, 'evt_old_webhook_pending', 31, { delivery: null });
    event(db, 'evt_recent', 29);
    mail(db, 'mail_old', 31);
    mail(db, 'mail_recent', 1);
    endpoint(db, 'whe_a');
    attempt(db, 'whd_old', 'whe_a', 31);
    attempt(db, 'whd_old_cancelled', 'whe_a', 35, 'cancelled');
    attempt(db, 'whd_old_pending', 'whe_a', 31, 'pending', 'evt_old_webhook_pending');
    attempt(db, 'whd_recent', 'whe_a', 2);
    const pruned = pruneNotifications(db, NOW, { retentionDays: 30, keepPerEndpoint: 1 });
    expect(pruned).toEqual({ events: 2, sentMail: 1, webhookDeliveries: 2 });
    expect(ids(db, outboxEvents)).toEqual(['evt_old_pending', 'evt_old_unqueued', 'evt_old_webhook_pending', 'evt_recent']);
    expect(ids(db, outboxDeliveries)).toEqual(['dlv_evt_old_pending', 'dlv_evt_recent']);
    expect(ids(db, sentMail)).toEqual(['mail_recent']);
    expect(ids(db, webhookDeliveries)).toEqual(['whd_old_pending', 'whd_recent']);
    // Nothing left to prune: a second pass deletes nothing.
    expect(pruneNotifications(db, NOW, { retentionDays: 30, keepPerEndpoint: 1 })).toEqual({ events: 0, sentMail: 0, webhookDeliveries: 0 });
  });

  it('keeps each endpoint\'s latest attempts whatever their age, so a quiet endpoint keeps its log', async () => {
    const db = await seededTestDb();
    endpoint(db, 'whe_quiet');
    endpoint(db, 'whe_busy');
    for (let i = 0; i < 5; i++) attempt(db, `whd_quiet_${i}`, 'whe_quiet', 100 + i);
    for (let i = 0; i < 5; i++) attempt(db, `whd_busy_${i}`, 'whe_busy', 50 + i);
    expect(pruneNotifications(db, NOW, { retentionDays: 30, keepPerEndpoint: 3 })).toMatchObject({ webhookDeliveries: 4 });
    // The newest three of each (smallest age) are kept.
    expect(ids(db, webhookDeliveries)).toEqual(['whd_busy_0', 'whd_busy_1', 'whd_busy_2', 'whd_quiet_0', 'whd_quiet_1', 'whd_quiet_2']);
  });

  it('is bounded per pass: a backlog is worked off over several passes, oldest first', async () => {
    const db = await seededTestDb();
    for (let i = 0; i < 7; i++) {
      event(db, `evt_${i}`, 60 - i);
      mail(db, `mail_${i}`, 60 - i);
    }
    expect(pruneNotifications(db, NOW, { retentionDays: 30, limit: 3 })).toMatchObject({ events: 3, sentMail: 3 });
    expect(ids(db, outboxEvents)).toEqual(['evt_3', 'evt_4', 'evt_5', 'evt_6']);
    expect(pruneNotifications(db, NOW, { retentionDays: 30, limit: 3 })).toMatchObject({ events: 3, sentMail: 3 });
    expect(pruneNotifications(db, NOW, { retentionDays: 30, limit: 3 })).toMatchObject({ events: 1, sentMail: 1 });
    expect(ids(db, outboxEvents)).toEqual([]);
  });

  it('runs in the sender loop, with the configured period', async () => {
    const db = await seededTestDb();
    mail(db, 'mail_ancient', (NOW - Date.now()) / DAY + 10); // 10 days before the real now
    mail(db, 'mail_fresh', (NOW - Date.now()) / DAY + 1);
    const stop = startNotificationSender({ db, mailer: storeMailer(db), portalUrl: 'https://portal.example.test', intervalMs: 20, retentionDays: 5 });
    try {
      await vi.waitFor(() => expect(ids(db, sentMail)).toEqual(['mail_fresh']), { timeout: 3000 });
    } finally {
      stop();
    }
  });
});
