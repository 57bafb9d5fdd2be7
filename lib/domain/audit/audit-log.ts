import 'server-only';
import { and, asc, desc, eq, gte, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { auditLog } from '@/db/schema';
import { listAuditQuerySchema } from '@/lib/schemas/audit';
import type { Actor } from '@/lib/core/actor';
import { targetNamer } from '@/lib/core/audit-targets';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { iso, isoOrNull } from '@/lib/domain/core/clock';
import { decodeCursor, encodeCursor } from '@/lib/domain/core/cursor';
import type { AuditEntryDto, Page } from '@/lib/domain/core/dto';
import { tenantFilter } from '@/lib/domain/core/scope';
import { parseInput } from '@/lib/domain/core/validate';

const isCursor = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The entry migration 0006 appended when the trail moved to one clock (only on a trail that had entries). */
const ONE_CLOCK_ACTION = 'audit.one-clock';
/** Before that entry, these were stamped with the simulated clock; everything else with real time. */
const SIMULATED_BEFORE = (action: string) =>
  action.startsWith('operation.') || ['service-request.assign', 'service-request.status', 'service-request.resolve', 'service-request.cancel', 'service-request.comment'].includes(action);

const oneClockSince = new WeakMap<Executor, number>();
/** Id of the one-clock marker, or 0 when the trail began with one clock. It never changes once migrated. */
function oneClockBoundary(db: Executor): number {
  let id = oneClockSince.get(db);
  if (id === undefined) {
    id = db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, ONE_CLOCK_ACTION)).orderBy(asc(auditLog.id)).get()?.id ?? 0;
    oneClockSince.set(db, id);
  }
  return id;
}

type Row = Omit<typeof auditLog.$inferSelect, 'details'> & { details: Record<string, unknown> | null };

/** A name kept in the details of entries older than the target_name column (deletions, act-for). */
const nameInDetails = (d: Record<string, unknown> | null) => {
  const name = d?.name ?? d?.tenant;
  return typeof name === 'string' ? name : null;
};

/**
 * Rows to the API's shape. The system reads as "system" (older entries recorded its staff role);
 * entries from before the one-clock change are named from the live data where they can be and
 * say which clock their time came from.
 */
function toDtos(db: Executor, rows: Row[]): AuditEntryDto[] {
  const boundary = oneClockBoundary(db);
  const legacy = (r: Row) => r.id < boundary;
  const nameOf = targetNamer(db, rows.filter((r) => legacy(r) && r.targetName === null));
  return rows.map((r) => {
    const system = r.actorId === 'system';
    const simulatedClock = legacy(r) && SIMULATED_BEFORE(r.action);
    return {
      id: String(r.id),
      time: iso(r.time),
      timeClock: simulatedClock ? 'simulated' : 'real',
      simulatedTime: simulatedClock ? iso(r.time) : isoOrNull(r.simulatedTime),
      actorId: r.actorId,
      actorEmail: system ? null : r.actorEmail,
      actorRole: (system ? 'system' : r.actorRole) as AuditEntryDto['actorRole'],
      tenantId: r.tenantId,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      targetName: r.targetName ?? (legacy(r) ? (nameOf(r) ?? nameInDetails(r.details)) : null),
      outcome: r.outcome,
      sourceIp: r.sourceIp,
      details: r.details ?? null,
      count: r.count,
      lastTime: isoOrNull(r.lastTime),
    };
  });
}

/**
 * GET /audit: the trail newest first, in the order it was written (by id, which the cursor
 * follows too: entries of the same millisecond never swap or repeat across pages). A client
 * admin reads their tenant's entries; staff read everything or one tenant's. `action` matches
 * exactly or as a dotted prefix ("group" → group.*); `targetId` exactly; `from`/`to` are real times.
 */
export async function listAudit(
  db: Executor,
  actor: Actor,
  query: { limit?: number | string; cursor?: string; action?: string; targetId?: string; from?: string; to?: string; tenantId?: string } = {},
): Promise<Page<AuditEntryDto>> {
  authorize(db, actor, 'audit:read', { type: 'audit-log' });
  const scope = tenantScope(actor, query.tenantId);
  const q = parseInput(listAuditQuerySchema, query);
  const before = decodeCursor(q.cursor, isCursor);
  const rows = db
    .select()
    .from(auditLog)
    .where(
      and(
        tenantFilter(auditLog.tenantId, scope),
        q.action ? or(eq(auditLog.action, q.action), sql`${auditLog.action} like ${`${escapeLike(q.action)}.%`} escape '\\'`) : undefined,
        q.targetId ? eq(auditLog.targetId, q.targetId) : undefined,
        q.from ? gte(auditLog.time, q.from) : undefined,
        q.to ? lte(auditLog.time, q.to) : undefined,
        before ? lt(auditLog.id, before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1)
    .all();
  const page = rows.slice(0, q.limit);
  return {
    items: toDtos(db, page),
    nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1].id) : null,
  };
}
