import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outboxDeliveries, outboxEvents } from '@/db/schema';
import { seededTestDb } from '@/lib/testing/db';
import { alertNotifications, FRESH_MS, recordAlertNotifications } from './alert-notifications';
import type { AlertOp } from './pending-writes';

const NOW = 1_800_000_000_000;
const raise = (code: 'rpo-warning' | 'rpo-breach' | 'history-not-met' | 'site-down', groupId: string, atMs = NOW, tenantId = 'ten_acme'): AlertOp => ({
  op: 'raise', atMs, info: { key: `${code}:${groupId}`, code, level: 'error', tenantId, groupId, siteId: null, vmId: null, message: `${code} of ${groupId}` },
});
const resolve = (code: string, groupId: string, atMs = NOW): AlertOp => ({ op: 'resolve', atMs, key: `${code}:${groupId}` });

describe('alert e-mail events', () => {
  it('maps raised RPO and journal alerts, and an RPO alert resolving on its own to "recovered"', () => {
    const types = alertNotifications([raise('rpo-breach', 'g1'), raise('history-not-met', 'g2'), raise('site-down', 'g3'), resolve('rpo-breach', 'g4')], NOW).map((e) => [e.type, e.groupId]);
    expect(types).toEqual([['rpo.breach', 'g1'], ['journal.history-short', 'g2'], ['rpo.recovered', 'g4']]);
  });

  it('does not call a breach turning into a warning "recovered"', () => {
    expect(alertNotifications([resolve('rpo-breach', 'g1'), raise('rpo-warning', 'g1')], NOW).map((e) => e.type)).toEqual(['rpo.warning']);
  });

  it('does not mail what a catch-up replays from long ago', () => {
    expect(alertNotifications([raise('rpo-breach', 'g1', NOW - FRESH_MS - 1), resolve('rpo-breach', 'g1', NOW - FRESH_MS - 1)], NOW)).toEqual([]);
  });

  it('records the events for the group\'s tenant, inside the caller\'s transaction', async () => {
    const db = await seededTestDb();
    const group = db.query.protectionGroups.findFirst({ where: (g, { eq: e }) => e(g.tenantId, 'ten_acme') }).sync()!;
    db.transaction(() => recordAlertNotifications(db, [raise('rpo-breach', group.id)], NOW, new Set([group.id])));
    const [event] = db.select().from(outboxEvents).all();
    expect(event).toMatchObject({ type: 'rpo.breach', tenantId: 'ten_acme', payload: { groupId: group.id, groupName: group.name } });
    const to = db.select().from(outboxDeliveries).where(eq(outboxDeliveries.eventId, event.id)).all().map((d) => d.recipient).sort();
    expect(to).toEqual(['admin2@acme.test', 'admin@acme.test', 'user@acme.test']);
  });
});
