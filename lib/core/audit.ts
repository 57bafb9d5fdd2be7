import { and, count, desc, eq, gt, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Executor } from '@/db';
import { auditLog } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { targetNameOf } from './audit-targets';
import { publishLive } from './live-events';
import { topicsOfAuditEntry } from './live-topics';

export type AuditEntry = {
  action: string;
  tenantId?: string | null;
  targetType?: string;
  targetId?: string;
  /** The target's name, for a target that no longer exists by the time of the entry (a deletion); looked up otherwise. */
  targetName?: string | null;
  outcome?: 'success' | 'denied' | 'failed';
  details?: Record<string, unknown>;
  /**
   * The simulated clock at the moment (epoch ms or Date), for entries about the replicated
   * estate: operations and engine events, groups, checkpoints, alerts, service requests. The
   * entry's own time is always the real time it is written.
   */
  simulatedTime?: Date | number;
  /** Overrides the actor's address, for events without an actor (a failed sign-in). */
  sourceIp?: string | null;
};

/** The role recorded for an actor: the system reads as the system, not as the staff role it runs with. */
function auditRole(actor: Actor): string {
  if (actor.via === 'system') return 'system';
  return actor.actingForTenant ? `${actor.role}:acting-for-tenant` : actor.role;
}

/** Identical refusals or failures within this many seconds of the first are one entry with a count. */
export const AUDIT_AGGREGATE_SECONDS = 60;
/** Distinct refusal/failure entries one source may add per minute before the rest are only counted. */
export const AUDIT_DISTINCT_PER_SOURCE = 20;
/** The entry that counts a source's refusals and failures beyond the cap, per outcome and tenant. */
export const SUPPRESSED_ACTION = 'audit.suppressed';

type Row = typeof auditLog.$inferInsert & { time: Date; outcome: NonNullable<AuditEntry['outcome']> };

/**
 * Appends to the audit trail. Call inside the use case's transaction so both land or neither.
 * The entry is stamped with the real time now; its place in the trail is its id.
 *
 * Refusals and failures (outcome denied/failed, not the system's) are written at once the first
 * time, so an investigator sees an attack begin; the same entry again within a minute (same
 * action, outcome, actor, role, tenant, target, address and details) only counts up that entry
 * (`count`, `last_time`), and beyond AUDIT_DISTINCT_PER_SOURCE distinct entries in a minute from
 * one source (the actor, or the address when nobody is signed in) further ones are counted in one
 * `audit.suppressed` entry per outcome and tenant. That count is the only change the database
 * accepts on the trail (migration 0020). Successes are always written one by one.
 */
export function audit(db: Executor, actor: Actor | null, entry: AuditEntry): void {
  const tenantId = entry.tenantId === undefined ? (actor?.tenantId ?? null) : entry.tenantId;
  const system = actor?.via === 'system';
  const row: Row = {
    time: new Date(),
    simulatedTime: entry.simulatedTime === undefined ? null : new Date(entry.simulatedTime),
    actorId: actor?.userId ?? null,
    actorEmail: system ? null : (actor?.email ?? null),
    actorRole: actor ? auditRole(actor) : null,
    tenantId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    outcome: entry.outcome ?? 'success',
    sourceIp: entry.sourceIp ?? actor?.sourceIp ?? null,
    details: entry.details ?? null,
  };
  if (row.outcome !== 'success' && !system && countedInto(db, row)) return;
  db.insert(auditLog)
    .values({
      ...row,
      targetName: entry.targetName !== undefined ? entry.targetName : targetNameOf(db, { tenantId, targetType: row.targetType ?? null, targetId: row.targetId ?? null }),
    })
    .run();
  // The live stream: queued until the use case's transaction commits, dropped if it rolls back (publishLive).
  if (entry.outcome !== 'denied' && (tenantId !== null || entry.targetType)) publishLive(tenantId, topicsOfAuditEntry({ ...entry, tenantId }));
}

const same = <T>(column: SQLiteColumn, value: T | null | undefined) => (value === null || value === undefined ? isNull(column) : eq(column, value));

/** Counts a refusal or failure into an entry of the current minute; false when it must be written. */
function countedInto(db: Executor, row: Row): boolean {
  const now = row.time.getTime();
  const recent = gt(auditLog.time, new Date(now - AUDIT_AGGREGATE_SECONDS * 1000));
  const fromSource = row.actorId ? eq(auditLog.actorId, row.actorId) : and(isNull(auditLog.actorId), same(auditLog.sourceIp, row.sourceIp));
  const latest = (...conditions: (SQL | undefined)[]) =>
    db.select({ id: auditLog.id, time: auditLog.time, lastTime: auditLog.lastTime }).from(auditLog).where(and(recent, ...conditions)).orderBy(desc(auditLog.id)).limit(1).get();

  const repeat = latest(
    eq(auditLog.action, row.action), eq(auditLog.outcome, row.outcome), fromSource, same(auditLog.actorRole, row.actorRole), same(auditLog.tenantId, row.tenantId),
    same(auditLog.targetType, row.targetType), same(auditLog.targetId, row.targetId), same(auditLog.sourceIp, row.sourceIp), same(auditLog.details, row.details),
  );
  if (repeat) return countUp(db, repeat, now);

  const distinct = db.select({ n: count() }).from(auditLog).where(and(recent, ne(auditLog.outcome, 'success'), ne(auditLog.action, SUPPRESSED_ACTION), fromSource)).get()?.n ?? 0;
  if (distinct < AUDIT_DISTINCT_PER_SOURCE) return false;

  const suppressed = latest(eq(auditLog.action, SUPPRESSED_ACTION), eq(auditLog.outcome, row.outcome), fromSource, same(auditLog.tenantId, row.tenantId));
  if (suppressed) return countUp(db, suppressed, now);
  db.insert(auditLog)
    .values({
      ...row,
      action: SUPPRESSED_ACTION,
      targetType: null,
      targetId: null,
      targetName: null,
      details: {
        note: `More than ${AUDIT_DISTINCT_PER_SOURCE} different ${row.outcome === 'denied' ? 'refusals' : 'failures'} from this source within a minute: the rest are counted here, not written one by one.`,
        firstAction: row.action,
      },
    })
    .run();
  return true;
}

/** The one update the trail accepts: a count going up, its last time moving forward within the minute. */
function countUp(db: Executor, target: { id: number; time: Date; lastTime: Date | null }, now: number): true {
  const last = Math.max(now, (target.lastTime ?? target.time).getTime());
  db.update(auditLog).set({ count: sql`${auditLog.count} + 1`, lastTime: new Date(last) }).where(eq(auditLog.id, target.id)).run();
  return true;
}
