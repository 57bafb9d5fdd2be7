/**
 * Scheduled test failovers (issue 17): client administrators (staff acting for a tenant with
 * ?tenantId=) schedule drills of some groups or of a saved plan; the scheduler
 * (./scheduler.ts) fires them. Authorise → validate → act in a transaction → audit.
 */
import 'server-only';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { protectionGroups, recoveryPlans, tenants, testDrills, testSchedules } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { NotFoundError, ValidationError } from '@/lib/core/errors';
import { newId } from '@/lib/ids';
import { testScheduleCreateSchema, testSchedulePatchSchema } from '@/lib/schemas/test-schedules';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { simNow } from '@/lib/domain/core/clock';
import { parseBody } from '@/lib/domain/core/input';
import { tenantFilter } from '@/lib/domain/core/scope';
import { drillDto, scheduleDtos, type DrillDto, type TestScheduleDto } from './dto';

export type { DrillDto, TestScheduleDto } from './dto';
export type TestScheduleDetailDto = TestScheduleDto & { drills: DrillDto[] };

/** The tenant a schedule is for: the client's own; staff name it with ?tenantId=. */
function owningTenant(db: Executor, actor: Actor, requested: string | undefined): string {
  if (actor.role !== 'staff') return tenantScope(actor) as string;
  const tenantId = tenantScope(actor, requested);
  if (!tenantId) throw new ValidationError([{ field: 'tenantId', message: 'Choose the tenant to act for (?tenantId=).' }]);
  if (!db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).get()) throw new NotFoundError('tenant', tenantId);
  return tenantId;
}

function loadSchedule(db: Executor, actor: Actor, id: string) {
  const row = db.select().from(testSchedules).where(and(eq(testSchedules.id, id), tenantFilter(testSchedules.tenantId, tenantScope(actor)))).get();
  if (!row) throw new NotFoundError('test schedule', id);
  return row;
}

/** POST /test-schedules */
export async function createTestSchedule(db: DB, actor: Actor, input: unknown, query: { tenantId?: string } = {}): Promise<TestScheduleDto> {
  authorize(db, actor, 'operation:run', { type: 'test-schedule' });
  const data = parseBody(testScheduleCreateSchema, input);
  const tenantId = owningTenant(db, actor, query.tenantId);
  const nowMs = await simNow();
  const id = newId('tsch');
  db.transaction((tx) => {
    let name = data.name;
    if (data.groupIds) {
      const found = tx.select({ id: protectionGroups.id, name: protectionGroups.name }).from(protectionGroups)
        .where(and(inArray(protectionGroups.id, data.groupIds), eq(protectionGroups.tenantId, tenantId))).all();
      const missing = data.groupIds.find((g) => !found.some((f) => f.id === g));
      if (missing) throw new NotFoundError('protection group', missing);
      name ??= `Drill of ${data.groupIds.map((g) => found.find((f) => f.id === g)!.name).join(', ')}`.slice(0, 100);
    } else {
      const plan = tx.select({ id: recoveryPlans.id, name: recoveryPlans.name }).from(recoveryPlans)
        .where(and(eq(recoveryPlans.id, data.planId!), eq(recoveryPlans.tenantId, tenantId))).get();
      if (!plan) throw new NotFoundError('recovery plan', data.planId!);
      name ??= `Drill of the plan ${plan.name}`.slice(0, 100);
    }
    tx.insert(testSchedules).values({
      id, tenantId, name, groupIds: data.groupIds ?? [], planId: data.planId ?? null, cron: data.cron, durationMinutes: data.durationMinutes,
      checkpoint: data.checkpoint, paused: false, lastSlotAt: new Date(nowMs), createdBy: actor.email, createdAt: new Date(nowMs), updatedAt: new Date(nowMs),
    }).run();
    audit(tx, actor, {
      action: 'test-schedule.create', tenantId, targetType: 'test-schedule', targetId: id, simulatedTime: nowMs,
      details: { name, groupIds: data.groupIds ?? null, planId: data.planId ?? null, cron: data.cron, durationMinutes: data.durationMinutes, checkpoint: data.checkpoint },
    });
  });
  return scheduleDtos(db, [db.select().from(testSchedules).where(eq(testSchedules.id, id)).get()!], nowMs)[0];
}

/** GET /test-schedules: the tenant's schedules (staff: every tenant, or ?tenantId=), by name. */
export async function listTestSchedules(db: Executor, actor: Actor, query: { tenantId?: string } = {}): Promise<{ items: TestScheduleDto[] }> {
  authorize(db, actor, 'tenant:read', { type: 'test-schedule' });
  const rows = db.select().from(testSchedules).where(tenantFilter(testSchedules.tenantId, tenantScope(actor, query.tenantId))).orderBy(asc(testSchedules.name), asc(testSchedules.id)).all();
  return { items: scheduleDtos(db, rows, await simNow()) };
}

/** GET /test-schedules/{id}: the schedule and its latest 20 drills. */
export async function getTestSchedule(db: Executor, actor: Actor, id: string): Promise<TestScheduleDetailDto> {
  authorize(db, actor, 'tenant:read', { type: 'test-schedule', id });
  const row = loadSchedule(db, actor, id);
  const drills = db.select().from(testDrills).where(eq(testDrills.scheduleId, id)).orderBy(desc(testDrills.scheduledFor), desc(testDrills.startedAt)).limit(20).all();
  return { ...scheduleDtos(db, [row], await simNow())[0], drills: drills.map(drillDto) };
}

/** PATCH /test-schedules/{id}: pause, resume, or change timing. A change starts counting from now (no catch-up of past slots). */
export async function updateTestSchedule(db: DB, actor: Actor, id: string, input: unknown): Promise<TestScheduleDto> {
  authorize(db, actor, 'operation:run', { type: 'test-schedule', id });
  const row = loadSchedule(db, actor, id);
  const patch = parseBody(testSchedulePatchSchema, input);
  const merged = { cron: patch.cron ?? row.cron, durationMinutes: patch.durationMinutes ?? row.durationMinutes };
  // The pair must still make sense together (e.g. a longer duration on a frequent schedule).
  const check = testScheduleCreateSchema.safeParse({ groupIds: ['x'], ...merged });
  if (!check.success) {
    const issue = check.error.issues[0];
    throw new ValidationError([{ field: String(issue.path[0] ?? 'cron'), message: issue.message }]);
  }
  const nowMs = await simNow();
  db.transaction((tx) => {
    const retimed = patch.cron !== undefined || (patch.paused === false && row.paused);
    tx.update(testSchedules).set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.paused !== undefined ? { paused: patch.paused } : {}),
      ...(patch.checkpoint !== undefined ? { checkpoint: patch.checkpoint } : {}),
      cron: merged.cron, durationMinutes: merged.durationMinutes,
      ...(retimed ? { lastSlotAt: new Date(Math.max(nowMs, row.lastSlotAt.getTime())) } : {}),
      updatedAt: new Date(nowMs),
    }).where(eq(testSchedules.id, id)).run();
    const action = patch.paused === true && !row.paused ? 'test-schedule.pause' : patch.paused === false && row.paused ? 'test-schedule.resume' : 'test-schedule.update';
    audit(tx, actor, { action, tenantId: row.tenantId, targetType: 'test-schedule', targetId: id, simulatedTime: nowMs, details: { ...patch } });
  });
  return scheduleDtos(db, [db.select().from(testSchedules).where(eq(testSchedules.id, id)).get()!], nowMs)[0];
}

/** DELETE /test-schedules/{id}: no more drills; past drills stay as evidence (a running one finishes). */
export async function deleteTestSchedule(db: DB, actor: Actor, id: string): Promise<void> {
  authorize(db, actor, 'operation:run', { type: 'test-schedule', id });
  const row = loadSchedule(db, actor, id);
  const nowMs = await simNow();
  db.transaction((tx) => {
    tx.delete(testSchedules).where(eq(testSchedules.id, id)).run();
    audit(tx, actor, { action: 'test-schedule.delete', tenantId: row.tenantId, targetType: 'test-schedule', targetId: id, simulatedTime: nowMs, details: { name: row.name, cron: row.cron } });
  });
}
