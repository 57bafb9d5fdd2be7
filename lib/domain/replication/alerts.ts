import 'server-only';
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { alerts, protectionGroups } from '@/db/schema';
import { listAlertsQuerySchema } from '@/lib/schemas/alerts';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { isoOrNull, iso, simDate } from '@/lib/domain/core/clock';
import type { AlertCurrentFigure, AlertDto } from '@/lib/domain/core/dto';
import { NotFoundError } from '@/lib/core/errors';
import { tenantFilter } from '@/lib/domain/core/scope';
import { parseInput } from '@/lib/domain/core/validate';

const alertColumns = {
  id: alerts.id,
  tenantId: alerts.tenantId,
  groupId: alerts.groupId,
  groupName: protectionGroups.name,
  siteId: alerts.siteId,
  vmId: alerts.vmId,
  code: alerts.code,
  level: alerts.level,
  message: alerts.message,
  raisedAt: alerts.raisedAt,
  resolvedAt: alerts.resolvedAt,
  acknowledgedAt: alerts.acknowledgedAt,
  acknowledgedBy: alerts.acknowledgedBy,
  groupRpoSeconds: protectionGroups.rpoSeconds,
  groupHistorySeconds: protectionGroups.historyCoveredSeconds,
};

type AlertRow = Omit<AlertDto, 'status' | 'raisedAt' | 'resolvedAt' | 'acknowledgedAt' | 'current'> & {
  raisedAt: Date;
  resolvedAt: Date | null;
  acknowledgedAt: Date | null;
  groupRpoSeconds: number | null;
  groupHistorySeconds: number | null;
};

/** The group's live figure behind an open RPO or history alert (see AlertDto.current). */
function currentFigure(code: AlertRow['code'], groupId: string | null, resolvedAt: Date | null, rpoSeconds: number | null, historySeconds: number | null): AlertCurrentFigure | null {
  if (resolvedAt || !groupId) return null;
  if (code === 'rpo-warning' || code === 'rpo-breach') return { figure: 'rpo', seconds: rpoSeconds };
  if (code === 'history-not-met') return { figure: 'history', seconds: historySeconds };
  return null;
}

function toAlertDto(row: AlertRow): AlertDto {
  const { groupRpoSeconds, groupHistorySeconds, ...r } = row;
  return {
    ...r,
    status: r.resolvedAt ? 'resolved' : 'open',
    raisedAt: iso(r.raisedAt),
    resolvedAt: isoOrNull(r.resolvedAt),
    acknowledgedAt: isoOrNull(r.acknowledgedAt),
    current: currentFigure(r.code, r.groupId, r.resolvedAt, groupRpoSeconds, groupHistorySeconds),
  };
}

/**
 * Open and recent alerts, newest first. Service-wide alerts (no tenant) are staff-only: a tenant
 * sees what concerns it through its own groups' alerts.
 */
export async function listAlerts(
  db: Executor,
  actor: Actor,
  query: { status?: 'open' | 'resolved' | 'all'; groupId?: string; limit?: number | string; tenantId?: string } = {},
): Promise<AlertDto[]> {
  authorize(db, actor, 'tenant:read', { type: 'alert' });
  const scope = tenantScope(actor, query.tenantId);
  const q = parseInput(listAlertsQuerySchema, query);
  return db
    .select(alertColumns)
    .from(alerts)
    .leftJoin(protectionGroups, eq(protectionGroups.id, alerts.groupId))
    .where(
      and(
        tenantFilter(alerts.tenantId, scope),
        q.groupId ? eq(alerts.groupId, q.groupId) : undefined,
        q.status === 'open' ? isNull(alerts.resolvedAt) : q.status === 'resolved' ? isNotNull(alerts.resolvedAt) : undefined,
      ),
    )
    .orderBy(desc(alerts.raisedAt), desc(alerts.id))
    .limit(q.limit)
    .all()
    .map(toAlertDto);
}

/** POST /alerts/{id}/ack: someone has seen it. Idempotent; the alert stays open until resolved. */
export async function acknowledgeAlert(db: DB, actor: Actor, id: string): Promise<AlertDto> {
  authorize(db, actor, 'alert:ack', { type: 'alert', id });
  const scope = tenantScope(actor);
  const read = () =>
    db.select(alertColumns).from(alerts).leftJoin(protectionGroups, eq(protectionGroups.id, alerts.groupId)).where(and(eq(alerts.id, id), tenantFilter(alerts.tenantId, scope))).get();
  const alert = read();
  if (!alert) throw new NotFoundError('alert', id);
  if (alert.acknowledgedAt) return toAlertDto(alert);

  const now = await simDate();
  db.transaction((tx) => {
    tx.update(alerts).set({ acknowledgedAt: now, acknowledgedBy: actor.email }).where(and(eq(alerts.id, id), isNull(alerts.acknowledgedAt))).run();
    audit(tx, actor, { action: 'alert.acknowledge', tenantId: alert.tenantId, targetType: 'alert', targetId: id, simulatedTime: now, details: { code: alert.code, groupId: alert.groupId } });
  });
  return toAlertDto(read()!);
}
