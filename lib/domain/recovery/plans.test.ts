import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { auditLog, recoveryPlans } from '@/db/schema';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import type { Actor } from '@/lib/core/actor';
import type { DomainError } from '@/lib/core/errors';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { deleteGroup } from '@/lib/domain/groups/groups';
import { createPlan, deletePlan, getPlan, listPlanGroupOptions, listPlans, loadPlanTiers, updatePlan } from './plans';

let db: DB;
beforeEach(async () => {
  setSimulatorForTests(null);
  db = await seededTestDb();
});

const plan = {
  name: 'Whole London estate',
  description: 'Database first, then the web tier',
  tiers: [{ groupIds: ['grp_acme_sql'], delayAfterSeconds: 120 }, { groupIds: ['grp_acme_web'] }],
};
const failure = async (p: Promise<unknown>) => {
  const error = (await p.then(() => null, (e: unknown) => e)) as DomainError | null;
  return { status: error?.status, errors: (error?.extra.errors as { field: string; message: string }[] | undefined) ?? [] };
};
const auditOf = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();
const planCount = () => db.select().from(recoveryPlans).all().length;
const ACTING_STAFF: Actor = { ...STAFF, tenantId: 'ten_acme', actingForTenant: true };

describe('createPlan', () => {
  it('saves the tiers in order and answers the DTO with the groups, counts and delays', async () => {
    const p = await createPlan(db, ACME_ADMIN, plan);
    expect(p).toMatchObject({ tenantId: 'ten_acme', name: 'Whole London estate', description: 'Database first, then the web tier', groupCount: 2 });
    expect(p.id).toMatch(/^rpl_/);
    expect(p.tiers.map((t) => [t.tier, t.delayAfterSeconds, t.groups.map((g) => g.id)])).toEqual([
      [1, 120, ['grp_acme_sql']],
      [2, 0, ['grp_acme_web']],
    ]);
    expect(p.tiers[0].groups[0]).toEqual({
      id: 'grp_acme_sql', name: 'Policy database', sourceSiteId: 'london', targetSiteId: 'jersey', vmCount: 3, rtoTargetMinutes: 60,
    });
    expect(p.vmCount).toBe(p.tiers.flatMap((t) => t.groups).reduce((n, g) => n + g.vmCount, 0));
    expect(p.vmCount).toBeGreaterThan(0);
    expect(auditOf('recovery-plan.create')).toEqual([expect.objectContaining({ tenantId: 'ten_acme', targetId: p.id, targetName: 'Whole London estate', actorEmail: 'admin@acme.test' })]);
  });

  it('refuses a user (403, audited as denied) and changes nothing', async () => {
    expect((await failure(createPlan(db, ACME_USER, plan))).status).toBe(403);
    expect(auditOf('denied:group:write')).toHaveLength(1);
    expect(planCount()).toBe(0);
  });

  it('staff must name the tenant; acting for one counts; an unknown tenant is 404', async () => {
    expect(await failure(createPlan(db, STAFF, plan))).toMatchObject({ status: 400, errors: [{ field: 'tenantId' }] });
    expect(await createPlan(db, STAFF, plan, { tenantId: 'ten_acme' })).toMatchObject({ tenantId: 'ten_acme' });
    expect(await createPlan(db, STAFF, { ...plan, name: 'From the body', tenantId: 'ten_acme' })).toMatchObject({ tenantId: 'ten_acme' });
    expect(await createPlan(db, ACTING_STAFF, { ...plan, name: 'Acting' })).toMatchObject({ tenantId: 'ten_acme' });
    expect((await failure(createPlan(db, STAFF, plan, { tenantId: 'ten_nope' }))).status).toBe(404);
    // Staff naming Globex cannot put Acme's groups in it.
    expect(await failure(createPlan(db, STAFF, plan, { tenantId: 'ten_globex' }))).toMatchObject({ status: 400, errors: [{ field: 'tiers.0.groupIds.0' }, { field: 'tiers.1.groupIds.0' }] });
  });

  it("a client admin naming another tenant gets 404; another tenant's group is a bad field (400), not 404", async () => {
    expect((await failure(createPlan(db, GLOBEX_ADMIN, plan, { tenantId: 'ten_acme' }))).status).toBe(404);
    const foreign = await failure(createPlan(db, GLOBEX_ADMIN, { name: 'Mixed', tiers: [{ groupIds: ['grp_globex_erp', 'grp_acme_web'] }] }));
    expect(foreign.status).toBe(400);
    expect(foreign.errors).toEqual([{ field: 'tiers.0.groupIds.1', message: expect.stringContaining('grp_acme_web') }]);
    const unknown = await failure(createPlan(db, ACME_ADMIN, { name: 'Unknown', tiers: [{ groupIds: ['grp_acme_web'] }, { groupIds: ['grp_nope'] }] }));
    expect(unknown.errors).toEqual([{ field: 'tiers.1.groupIds.0', message: expect.stringContaining('grp_nope') }]);
    expect(planCount()).toBe(0);
  });

  it.each([
    ['an empty name', { ...plan, name: '  ' }, 'name'],
    ['no tiers', { ...plan, tiers: [] }, 'tiers'],
    ['an empty tier', { ...plan, tiers: [{ groupIds: [] }] }, 'tiers.0.groupIds'],
    ['a group twice', { ...plan, tiers: [{ groupIds: ['grp_acme_web'] }, { groupIds: ['grp_acme_web'] }] }, 'tiers'],
    ['a delay out of range', { ...plan, tiers: [{ groupIds: ['grp_acme_web'], delayAfterSeconds: 3601 }] }, 'tiers.0.delayAfterSeconds'],
    ['a negative delay', { ...plan, tiers: [{ groupIds: ['grp_acme_web'], delayAfterSeconds: -1 }] }, 'tiers.0.delayAfterSeconds'],
  ])('refuses %s (400 naming the field)', async (_, input, field) => {
    const f = await failure(createPlan(db, ACME_ADMIN, input));
    expect(f.status).toBe(400);
    expect(f.errors.map((e) => e.field)).toContain(field);
    expect(planCount()).toBe(0);
  });

  it('refuses a name already used in the tenant, whatever its case (409 naming name); another tenant may reuse it', async () => {
    await createPlan(db, ACME_ADMIN, plan);
    expect(await failure(createPlan(db, ACME_ADMIN, { ...plan, name: 'WHOLE london ESTATE' }))).toMatchObject({ status: 409, errors: [{ field: 'name' }] });
    expect(await createPlan(db, GLOBEX_ADMIN, { name: plan.name, tiers: [{ groupIds: ['grp_globex_erp'] }] })).toMatchObject({ tenantId: 'ten_globex' });
  });
});

describe('reading plans', () => {
  it('lists the tenant\'s plans by name for every role; staff see all or one tenant', async () => {
    await createPlan(db, ACME_ADMIN, { ...plan, name: 'b plan' });
    await createPlan(db, ACME_ADMIN, { ...plan, name: 'A plan' });
    await createPlan(db, GLOBEX_ADMIN, { name: 'Globex plan', tiers: [{ groupIds: ['grp_globex_erp'] }] });
    expect((await listPlans(db, ACME_USER)).map((p) => p.name)).toEqual(['A plan', 'b plan']);
    expect((await listPlans(db, GLOBEX_ADMIN)).map((p) => p.name)).toEqual(['Globex plan']);
    expect(await listPlans(db, STAFF)).toHaveLength(3);
    expect((await listPlans(db, STAFF, { tenantId: 'ten_globex' })).map((p) => p.name)).toEqual(['Globex plan']);
    // A client cannot widen its scope with tenantId.
    expect((await listPlans(db, ACME_USER, { tenantId: 'ten_globex' })).map((p) => p.tenantId)).toEqual(['ten_acme', 'ten_acme']);
    expect((await failure(listPlans(db, STAFF, { tenantId: 'bad id!' }))).status).toBe(400);
  });

  it("gets one plan; another tenant's is 404 like an unknown id", async () => {
    const p = await createPlan(db, ACME_ADMIN, plan);
    expect(await getPlan(db, ACME_USER, p.id)).toEqual(p);
    expect(await getPlan(db, STAFF, p.id)).toEqual(p);
    expect((await failure(getPlan(db, GLOBEX_ADMIN, p.id))).status).toBe(404);
    expect((await failure(getPlan(db, ACME_USER, 'rpl_nope'))).status).toBe(404);
  });

  it('drops a group deleted since from the tiers, and a tier it leaves empty', async () => {
    const p = await createPlan(db, ACME_ADMIN, { name: 'Three tiers', tiers: [{ groupIds: ['grp_acme_sql'], delayAfterSeconds: 60 }, { groupIds: ['grp_acme_file'], delayAfterSeconds: 30 }, { groupIds: ['grp_acme_web'] }] });
    await deleteGroup(db, ACME_ADMIN, 'grp_acme_file');
    const after = await getPlan(db, ACME_USER, p.id);
    expect(after.tiers.map((t) => [t.tier, t.delayAfterSeconds, t.groups.map((g) => g.id)])).toEqual([
      [1, 60, ['grp_acme_sql']],
      [2, 0, ['grp_acme_web']],
    ]);
    expect(after.groupCount).toBe(2);
    expect(loadPlanTiers(db, 'ten_acme', p.id)).toEqual({ id: p.id, name: 'Three tiers', tiers: [{ groupIds: ['grp_acme_sql'], delayAfterSeconds: 60 }, { groupIds: ['grp_acme_web'], delayAfterSeconds: 0 }] });
  });

  it('loadPlanTiers is scoped by tenant: null for another tenant or an unknown id', async () => {
    const p = await createPlan(db, ACME_ADMIN, plan);
    expect(loadPlanTiers(db, 'ten_acme', p.id)?.tiers).toEqual([{ groupIds: ['grp_acme_sql'], delayAfterSeconds: 120 }, { groupIds: ['grp_acme_web'], delayAfterSeconds: 0 }]);
    expect(loadPlanTiers(db, 'ten_globex', p.id)).toBeNull();
    expect(loadPlanTiers(db, 'ten_acme', 'rpl_nope')).toBeNull();
  });

  it("offers the tenant's groups with their boot order", async () => {
    const options = await listPlanGroupOptions(db, ACME_USER);
    expect(options.map((g) => g.id).sort()).toEqual(['grp_acme_file', 'grp_acme_sql', 'grp_acme_web']);
    const sql = options.find((g) => g.id === 'grp_acme_sql')!;
    expect(sql.bootOrder.length).toBeGreaterThan(0);
    expect(sql.bootOrder.reduce((n, b) => n + b.vmCount, 0)).toBe(sql.vmCount);
    expect(await listPlanGroupOptions(db, STAFF)).toEqual([]);
    expect((await listPlanGroupOptions(db, STAFF, { tenantId: 'ten_globex' })).every((g) => g.id.startsWith('grp_globex'))).toBe(true);
  });
});

describe('updatePlan', () => {
  it('changes name, description and tiers; audits the changes; a no-op writes nothing', async () => {
    const p = await createPlan(db, ACME_ADMIN, plan);
    const u = await updatePlan(db, ACME_ADMIN, p.id, { name: 'Renamed', description: '', tiers: [{ groupIds: ['grp_acme_web', 'grp_acme_sql'], delayAfterSeconds: 10 }, { groupIds: ['grp_acme_file'] }] });
    expect(u).toMatchObject({ name: 'Renamed', description: null, groupCount: 3 });
    expect(u.tiers.map((t) => t.groups.map((g) => g.id))).toEqual([['grp_acme_web', 'grp_acme_sql'], ['grp_acme_file']]);
    const [entry] = auditOf('recovery-plan.update');
    expect(Object.keys((entry.details as { changes: object }).changes).sort()).toEqual(['description', 'name', 'tiers']);
    await updatePlan(db, ACME_ADMIN, p.id, { name: 'Renamed' });
    expect(auditOf('recovery-plan.update')).toHaveLength(1);
  });

  it('refuses a user (403), another tenant (404 before validation), bad tiers (400) and a taken name (409)', async () => {
    const p = await createPlan(db, ACME_ADMIN, plan);
    await createPlan(db, ACME_ADMIN, { ...plan, name: 'Other' });
    expect((await failure(updatePlan(db, ACME_USER, p.id, { name: 'X' }))).status).toBe(403);
    expect((await failure(updatePlan(db, GLOBEX_ADMIN, p.id, { name: 42 }))).status).toBe(404);
    expect(await failure(updatePlan(db, ACME_ADMIN, p.id, { tiers: [{ groupIds: ['grp_globex_erp'] }] }))).toMatchObject({ status: 400, errors: [{ field: 'tiers.0.groupIds.0' }] });
    expect(await failure(updatePlan(db, ACME_ADMIN, p.id, { name: 'other' }))).toMatchObject({ status: 409, errors: [{ field: 'name' }] });
    expect(await getPlan(db, ACME_USER, p.id)).toEqual(p);
  });

  it('staff may edit any tenant\'s plan', async () => {
    const p = await createPlan(db, ACME_ADMIN, plan);
    expect(await updatePlan(db, STAFF, p.id, { name: 'By staff' })).toMatchObject({ name: 'By staff', tenantId: 'ten_acme' });
  });
});

describe('deletePlan', () => {
  it('deletes and audits with the name; user 403 and another tenant 404 change nothing', async () => {
    const p = await createPlan(db, ACME_ADMIN, plan);
    expect((await failure(deletePlan(db, ACME_USER, p.id))).status).toBe(403);
    expect((await failure(deletePlan(db, GLOBEX_ADMIN, p.id))).status).toBe(404);
    expect(planCount()).toBe(1);
    await deletePlan(db, ACME_ADMIN, p.id);
    expect(planCount()).toBe(0);
    expect(auditOf('recovery-plan.delete')).toEqual([expect.objectContaining({ targetId: p.id, targetName: 'Whole London estate', tenantId: 'ten_acme' })]);
    expect((await failure(getPlan(db, ACME_USER, p.id))).status).toBe(404);
  });
});
