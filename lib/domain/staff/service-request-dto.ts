import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { auditLog, serviceRequests, tenants, users, vdcs } from '@/db/schema';
import type { ResourceChange } from '@/lib/schemas/requests';
import type { ResourceDelta, ServiceRequestDto } from './dto';

/** Requests still waiting on the provider. */
export const ACTIVE = ['open', 'in-progress'] as const;
/** Audit actions by provider staff that count as the first response to a request. */
export const RESPONSE_ACTIONS = ['service-request.comment', 'service-request.status', 'service-request.resolve', 'service-request.cancel'];

export type ServiceRequestRow = typeof serviceRequests.$inferSelect;

/**
 * First response per request: the earliest audited comment or status change by provider staff
 * working the queue (staff acting *as* the tenant do not count: they speak for the client).
 */
function firstResponses(db: Executor, ids: string[]): Map<string, Date> {
  const out = new Map<string, Date>();
  if (!ids.length) return out;
  const rows = db
    // Deadlines run on the simulated clock; entries written before the audit trail had one clock carry it in `time`.
    .select({ targetId: auditLog.targetId, time: sql<Date>`coalesce(${auditLog.simulatedTime}, ${auditLog.time})`.mapWith(auditLog.time) })
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'service-request'), inArray(auditLog.targetId, ids), eq(auditLog.actorRole, 'staff'), inArray(auditLog.action, RESPONSE_ACTIONS)))
    .all();
  for (const r of rows) {
    if (!r.targetId) continue;
    const seen = out.get(r.targetId);
    if (!seen || r.time < seen) out.set(r.targetId, r.time);
  }
  return out;
}

function deltaOf(change: ResourceChange): ResourceDelta {
  const { vcpuGhz, memoryGb, storageGb, guaranteedIops } = change;
  return Object.fromEntries(Object.entries({ vcpuGhz, memoryGb, storageGb, guaranteedIops }).filter(([, v]) => v !== undefined));
}

/** Rows to DTOs in one pass: emails, names and first responses fetched in batches. */
export function toServiceRequestDtos(db: Executor, rows: ServiceRequestRow[], now: Date): ServiceRequestDto[] {
  const userIds = [...new Set(rows.flatMap((r) => [r.requestedBy, r.assignedTo]).filter((x): x is string => !!x))];
  const emails = new Map(userIds.length ? db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, userIds)).all().map((u) => [u.id, u.email]) : []);
  const tenantNames = new Map(db.select({ id: tenants.id, name: tenants.name }).from(tenants).all().map((t) => [t.id, t.name]));
  const vdcIds = [...new Set(rows.map((r) => r.vdcId).filter((x): x is string => !!x))];
  const vdcNames = new Map(vdcIds.length ? db.select({ id: vdcs.id, name: vdcs.name }).from(vdcs).where(inArray(vdcs.id, vdcIds)).all().map((v) => [v.id, v.name]) : []);
  const responded = firstResponses(db, rows.map((r) => r.id));
  return rows.map((r) => {
    const respondedAt = responded.get(r.id) ?? null;
    const active = (ACTIVE as readonly string[]).includes(r.status);
    return {
      id: r.id,
      tenantId: r.tenantId,
      tenantName: tenantNames.get(r.tenantId) ?? r.tenantId,
      kind: r.kind,
      priority: r.priority,
      title: r.title,
      description: r.description,
      status: r.status,
      vdcId: r.vdcId,
      vdcName: r.vdcId ? (vdcNames.get(r.vdcId) ?? null) : null,
      change: r.resourceChange ? deltaOf(r.resourceChange) : null,
      requestedBy: r.requestedBy,
      requestedByEmail: emails.get(r.requestedBy) ?? null,
      assignedTo: r.assignedTo,
      assignedToEmail: r.assignedTo ? (emails.get(r.assignedTo) ?? null) : null,
      createdAt: r.createdAt.toISOString(),
      respondBy: r.respondBy.toISOString(),
      respondedAt: respondedAt?.toISOString() ?? null,
      responseOverdue: respondedAt ? respondedAt > r.respondBy : active && now > r.respondBy,
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
    };
  });
}
