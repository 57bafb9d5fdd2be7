/**
 * Which engine alerts become e-mail events (issue 16), written with the alert rows in the
 * persister's transaction. RPO warning and breach when raised, "RPO met again" when an RPO alert
 * resolves without another one taking its place, a journal shorter than configured. (An overdue
 * test is told by the scheduled checks, lib/domain/notifications/scheduled-checks, once per due
 * date and by the dashboards' rule, not by this alert.) Alerts older than FRESH_MS of simulated time (a catch-up after a restart replaying hours
 * of history) are not mailed: they are news nobody needs now, and the alert list keeps them.
 */
import type { DB } from '@/db';
import { recordEvent } from '@/lib/core/outbox';
import type { AlertOp } from './pending-writes';
import type { NotificationEventType } from '@/lib/schemas/notifications';

export const FRESH_MS = 10 * 60_000;

const RAISED: Partial<Record<string, NotificationEventType>> = {
  'rpo-warning': 'rpo.warning',
  'rpo-breach': 'rpo.breach',
  'history-not-met': 'journal.history-short',
};

export type AlertNotification = { type: NotificationEventType; groupId: string; tenantId: string | null; atMs: number; message: string | null };

/** The e-mail events of one batch of alert changes (pure; the caller looks the groups up). */
export function alertNotifications(ops: readonly AlertOp[], nowMs: number): AlertNotification[] {
  const out: AlertNotification[] = [];
  const rpoRaised = new Set(ops.flatMap((op) => (op.op === 'raise' && op.info.groupId && op.info.code.startsWith('rpo-') ? [op.info.groupId] : [])));
  for (const op of ops) {
    if (nowMs - op.atMs > FRESH_MS) continue;
    if (op.op === 'raise') {
      const type = RAISED[op.info.code];
      if (type && op.info.groupId) out.push({ type, groupId: op.info.groupId, tenantId: op.info.tenantId, atMs: op.atMs, message: op.info.message });
    } else {
      const [code, groupId] = op.key.split(':');
      if ((code === 'rpo-breach' || code === 'rpo-warning') && groupId && !rpoRaised.has(groupId)) {
        out.push({ type: 'rpo.recovered', groupId, tenantId: null, atMs: op.atMs, message: null });
      }
    }
  }
  return out;
}

/** Records the batch's alert events (inside the persister's transaction). */
export function recordAlertNotifications(db: DB, ops: readonly AlertOp[], nowMs: number, existing: Set<string>): void {
  const events = alertNotifications(ops, nowMs).filter((e) => existing.has(e.groupId));
  if (!events.length) return;
  const group = db.$client.prepare('SELECT name, tenant_id AS tenantId FROM protection_groups WHERE id = ?');
  for (const e of events) {
    const g = group.get(e.groupId) as { name: string; tenantId: string } | undefined;
    if (!g) continue;
    const summary = e.message ?? `The RPO of ${g.name} is within its target again.`;
    recordEvent(db, { type: e.type, tenantId: g.tenantId, occurredAt: e.atMs, payload: { groupId: e.groupId, groupName: g.name, subject: g.name, summary } });
  }
}
