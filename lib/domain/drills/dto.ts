import 'server-only';
import { desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@/db';
import { protectionGroups, recoveryPlans, testDrills, testSchedules } from '@/db/schema';
import { cronNextRuns, describeCron, type DrillCheckpoint, type DrillResult, type DrillSkipCode, type DrillStatus } from '@/lib/schemas/test-schedules';
import { iso, isoOrNull } from '@/lib/domain/core/clock';
import { checkResultDto, type CheckResultDto } from './checks';

export type DrillDto = {
  id: string;
  scheduleId: string | null;
  scheduleName: string;
  scheduledFor: string;
  startedAt: string;
  endsAt: string;
  finishedAt: string | null;
  status: DrillStatus;
  result: DrillResult | null;
  skipCode: DrillSkipCode | null;
  reason: string | null;
  missedSlots: number;
  groups: { groupId: string; groupName: string; operationId: string | null; result: 'passed' | 'failed' | null; error: string | null }[];
  checks: CheckResultDto[];
};

export type TestScheduleDto = {
  id: string;
  tenantId: string;
  name: string;
  groups: { id: string; name: string }[];
  planId: string | null;
  planName: string | null;
  cron: string;
  /** The cron in words ("At 02:00 UTC on Sunday"). */
  cronText: string;
  durationMinutes: number;
  checkpoint: DrillCheckpoint;
  paused: boolean;
  /** The next three times it fires (none while paused), on the simulated clock. */
  nextRuns: string[];
  lastDrill: DrillDto | null;
  createdBy: string;
  createdAt: string;
};

export function drillDto(d: typeof testDrills.$inferSelect): DrillDto {
  return {
    id: d.id, scheduleId: d.scheduleId, scheduleName: d.scheduleName, scheduledFor: iso(d.scheduledFor), startedAt: iso(d.startedAt), endsAt: iso(d.endsAt),
    finishedAt: isoOrNull(d.finishedAt), status: d.status, result: d.result, skipCode: d.skipCode, reason: d.reason, missedSlots: d.missedSlots,
    groups: d.groups, checks: d.checks.map(checkResultDto),
  };
}

/** Groups the schedule covers now: the named ones, or the plan's (deleted groups left out). */
export function scheduleGroupIds(db: Executor, s: Pick<typeof testSchedules.$inferSelect, 'groupIds' | 'planId' | 'tenantId'>): string[] {
  if (!s.planId) return s.groupIds;
  const plan = db.select({ tiers: recoveryPlans.tiers }).from(recoveryPlans).where(eq(recoveryPlans.id, s.planId)).get();
  return plan ? [...new Set(plan.tiers.flatMap((t) => t.groupIds))] : [];
}

export function scheduleDtos(db: Executor, rows: (typeof testSchedules.$inferSelect)[], nowMs: number): TestScheduleDto[] {
  if (!rows.length) return [];
  const groupIdsOf = new Map(rows.map((r) => [r.id, scheduleGroupIds(db, r)]));
  const allGroupIds = [...new Set([...groupIdsOf.values()].flat())];
  const names = new Map(allGroupIds.length ? db.select({ id: protectionGroups.id, name: protectionGroups.name }).from(protectionGroups).where(inArray(protectionGroups.id, allGroupIds)).all().map((g) => [g.id, g.name]) : []);
  const planIds = rows.flatMap((r) => (r.planId ? [r.planId] : []));
  const plans = new Map(planIds.length ? db.select({ id: recoveryPlans.id, name: recoveryPlans.name }).from(recoveryPlans).where(inArray(recoveryPlans.id, planIds)).all().map((p) => [p.id, p.name]) : []);
  return rows.map((r) => {
    const last = db.select().from(testDrills).where(eq(testDrills.scheduleId, r.id)).orderBy(desc(testDrills.scheduledFor), desc(testDrills.startedAt)).limit(1).get();
    return {
      id: r.id, tenantId: r.tenantId, name: r.name,
      groups: (groupIdsOf.get(r.id) ?? []).flatMap((id) => (names.has(id) ? [{ id, name: names.get(id)! }] : [])),
      planId: r.planId, planName: r.planId ? (plans.get(r.planId) ?? null) : null,
      cron: r.cron, cronText: describeCron(r.cron), durationMinutes: r.durationMinutes, checkpoint: r.checkpoint, paused: r.paused,
      nextRuns: r.paused ? [] : cronNextRuns(r.cron, Math.max(nowMs, r.lastSlotAt.getTime()), 3).map((t) => iso(t)),
      lastDrill: last ? drillDto(last) : null,
      createdBy: r.createdBy, createdAt: iso(r.createdAt),
    };
  });
}
