import { beforeEach, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { auditLog, groupMembers, operations, protectionGroups } from '@/db/schema';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import type { DomainError } from '@/lib/core/errors';
import { createGroup, deleteGroup, getGroup, updateGroup } from './groups';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import type { SimulatorControl } from '@/lib/sim/contract';

let db: DB;
const notified: string[] = [];
beforeEach(async () => {
  notified.length = 0;
  setSimulatorForTests({
    now: () => Date.parse('2025-06-01T12:00:00Z'),
    notifyConfigChanged: (id: string) => notified.push(`changed:${id}`),
    notifyGroupDeleted: (id: string) => notified.push(`deleted:${id}`),
  } as unknown as SimulatorControl);
  db = await seededTestDb();
});

const base = { name: 'Jump hosts', sourceSiteId: 'london', targetSiteId: 'jersey', rpoTargetSeconds: 300, rtoTargetMinutes: 30, journalHistoryHours: 24 };
const groupCount = () => db.select({ n: count() }).from(protectionGroups).get()!.n;
const auditOf = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();
const fieldsOf = async (p: Promise<unknown>) => {
  const error = (await p.then(() => null, (e: unknown) => e)) as DomainError | null;
  return { status: error?.status, errors: (error?.extra.errors as { field: string; message: string }[] | undefined) ?? [] };
};
const openOperation = (groupId = 'grp_acme_web') =>
  db.insert(operations)
    .values({
      id: 'op_1', tenantId: 'ten_acme', groupId, type: 'failover', status: 'awaiting-commit', fromSiteId: 'london', toSiteId: 'zurich',
      options: {}, startedBy: 'usr_admin_acme', startedByEmail: 'admin@acme.test', startedAt: new Date(),
    })
    .run();

describe('createGroup', () => {
  it('creates an initialising group with syncing members in a default boot group, audits and notifies', async () => {
    const g = await createGroup(db, ACME_ADMIN, { ...base, vmIds: ['vm_acme_jump_01', 'vm_acme_test_01'] });
    expect(g).toMatchObject({ tenantId: 'ten_acme', status: 'initialising', priority: 'medium', createdAt: '2025-06-01T12:00:00.000Z', openOperationId: null });
    expect(g.members.map((m) => [m.vmId, m.syncState, m.syncProgress])).toEqual([['vm_acme_jump_01', 'syncing', 0], ['vm_acme_test_01', 'syncing', 0]]);
    expect(g.recoveryPlan.bootGroups).toEqual([expect.objectContaining({ name: 'All VMs', vmIds: ['vm_acme_jump_01', 'vm_acme_test_01'] })]);
    expect(g.testNetwork.mode).toBe('keep-ip');
    expect(auditOf('group.create')).toEqual([expect.objectContaining({ tenantId: 'ten_acme', targetId: g.id, actorEmail: 'admin@acme.test', outcome: 'success' })]);
    expect(notified).toEqual([`changed:${g.id}`]);
  });

  it('derives members from a recovery plan when vmIds is absent', async () => {
    const g = await createGroup(db, ACME_ADMIN, {
      ...base,
      recoveryPlan: { bootGroups: [{ name: 'Jump', vmIds: ['vm_acme_jump_01'], delayAfterSeconds: 30 }, { name: 'Test', vmIds: ['vm_acme_test_01'] }] },
    });
    expect(g.recoveryPlan.bootGroups.map((b) => [b.name, b.position, b.delayAfterSeconds, b.vmIds])).toEqual([
      ['Jump', 0, 30, ['vm_acme_jump_01']],
      ['Test', 1, 0, ['vm_acme_test_01']],
    ]);
  });

  it('lets staff create for a named tenant, and requires one', async () => {
    expect(await fieldsOf(createGroup(db, STAFF, base))).toMatchObject({ status: 400, errors: [{ field: 'tenantId' }] });
    const g = await createGroup(db, STAFF, { ...base, tenantId: 'ten_acme' });
    expect(g.tenantId).toBe('ten_acme');
    expect(auditOf('group.create')[0]).toMatchObject({ tenantId: 'ten_acme', actorRole: 'staff' });
    await expect(createGroup(db, STAFF, { ...base, tenantId: 'ten_nope' })).rejects.toMatchObject({ status: 404 });
  });

  it('answers 404 to a client naming another tenant, 403 to a user — before looking at the body', async () => {
    await expect(createGroup(db, ACME_ADMIN, { tenantId: 'ten_globex', name: 42 })).rejects.toMatchObject({ status: 404 });
    await expect(createGroup(db, ACME_USER, { nonsense: true })).rejects.toMatchObject({ status: 403 });
    expect(auditOf('denied:group:write')).toEqual([expect.objectContaining({ actorEmail: 'user@acme.test', outcome: 'denied' })]);
    expect(groupCount()).toBe(6);
  });

  it.each([
    [{ targetSiteId: 'london' }, 'targetSiteId', 'differ'],
    [{ sourceSiteId: 'atlantis' }, 'sourceSiteId', 'No site'],
    [{ rpoTargetSeconds: 29 }, 'rpoTargetSeconds', 'at least 30 seconds'],
    [{ rtoTargetMinutes: 1441 }, 'rtoTargetMinutes', 'at most 1,440 minutes'],
    [{ journalHistoryHours: 0 }, 'journalHistoryHours', 'at least 1 hour'],
    [{ journalHistoryHours: 1.5 }, 'journalHistoryHours', 'whole number'],
    [{ priority: 'urgent' }, 'priority', 'low, medium or high'],
    [{ name: '   ' }, 'name', 'required'],
    [{ liveNetwork: { mode: 're-ip', network: 'dr', mappings: [] } }, 'liveNetwork.mappings', 'at least one'],
    [{ liveNetwork: { mode: 're-ip', network: 'dr', mappings: [{ sourceSubnet: '10.0.0.0/16', targetSubnet: '10.1.0.0/16', gateway: '10.2.0.1' }] } }, 'liveNetwork.mappings.0.gateway', 'inside the target subnet'],
    [{ testNetwork: { mode: 're-ip', network: 'dr', mappings: [{ sourceSubnet: '10.0.0.5/16', targetSubnet: '10.1.0.0/16', gateway: '10.1.0.1' }] } }, 'testNetwork.mappings.0.sourceSubnet', 'network address'],
    [{ testNetwork: { mode: 'bridge', network: 'x' } }, 'testNetwork.mode', 'keep-ip'],
    [{ vmIds: ['vm_acme_web_01'] }, 'vmIds.0', 'already protected by the group "Customer web tier"'],
    [{ vmIds: ['vm_acme_bkp_01'] }, 'vmIds.0', 'runs at Jersey, not at the group\'s production site London'],
    [{ vmIds: ['vm_globex_dev_01'] }, 'vmIds.0', 'No VM with id vm_globex_dev_01'],
    [{ vmIds: ['vm_acme_jump_01', 'vm_acme_jump_01'] }, 'vmIds', 'only once'],
  ])('refuses %j with a message on %s', async (patch, field, message) => {
    const { status, errors } = await fieldsOf(createGroup(db, ACME_ADMIN, { ...base, ...patch }));
    expect(status).toBe(400);
    expect(errors).toContainEqual({ field, message: expect.stringContaining(message) });
    expect(groupCount()).toBe(6);
  });

  it('refuses a duplicate name (any case) with 409 naming the field', async () => {
    const { status, errors } = await fieldsOf(createGroup(db, ACME_ADMIN, { ...base, name: 'customer WEB tier' }));
    expect(status).toBe(409);
    expect(errors).toEqual([{ field: 'name', message: expect.any(String) }]);
    // Names are per tenant: Globex may use it.
    await expect(createGroup(db, GLOBEX_ADMIN, { ...base, sourceSiteId: 'toronto', targetSiteId: 'london', name: 'Customer web tier' })).resolves.toBeTruthy();
  });
});

describe('updateGroup', () => {
  it('changes settings and audits each change with before and after', async () => {
    const g = await updateGroup(db, ACME_ADMIN, 'grp_acme_web', { rpoTargetSeconds: '600', priority: 'high', description: null });
    expect(g).toMatchObject({ rpoTargetSeconds: 600, priority: 'high', description: null });
    const [entry] = auditOf('group.update');
    expect(entry.details).toEqual({
      changes: {
        rpoTargetSeconds: { from: 300, to: 600 },
        priority: { from: 'medium', to: 'high' },
        description: { from: 'Public quote site and its application servers', to: null },
      },
    });
    expect(notified).toEqual(['changed:grp_acme_web']);
  });

  it('moves the configuration version on with each change, never with a no-op', async () => {
    const v = (await getGroup(db, ACME_ADMIN, 'grp_acme_web')).version;
    expect((await updateGroup(db, ACME_ADMIN, 'grp_acme_web', { priority: 'high' })).version).toBe(v + 1);
    expect((await updateGroup(db, ACME_ADMIN, 'grp_acme_web', { priority: 'high' })).version).toBe(v + 1);
    expect((await updateGroup(db, ACME_ADMIN, 'grp_acme_web', { addVmIds: ['vm_acme_jump_01'] })).version).toBe(v + 2);
    // Replication state written by the simulator is not configuration.
    db.update(protectionGroups).set({ rpoSeconds: 42 }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    expect((await getGroup(db, ACME_ADMIN, 'grp_acme_web')).version).toBe(v + 2);
  });

  it('two administrators edit the same copy: the second save is refused (412) and undoes nothing', async () => {
    const copy = await getGroup(db, ACME_ADMIN, 'grp_acme_web');
    await updateGroup(db, STAFF, 'grp_acme_web', { rpoTargetSeconds: 120 }, { expectedVersion: copy.version });
    const refused = updateGroup(db, ACME_ADMIN, 'grp_acme_web', { rpoTargetSeconds: 900, priority: 'low' }, { expectedVersion: copy.version });
    await expect(refused).rejects.toMatchObject({ status: 412, extra: { expectedVersion: copy.version, currentVersion: copy.version + 1 } });
    await expect(refused).rejects.toThrow(/last by staff@calligo\.test/);
    expect(await getGroup(db, ACME_ADMIN, 'grp_acme_web')).toMatchObject({ rpoTargetSeconds: 120, priority: copy.priority, version: copy.version + 1 });
    expect(auditOf('group.update')).toHaveLength(1);
  });

  it('adds members (syncing, in the last boot group) and removes others', async () => {
    const g = await updateGroup(db, ACME_ADMIN, 'grp_acme_web', { vmIds: ['vm_acme_app_01', 'vm_acme_app_02', 'vm_acme_web_01', 'vm_acme_jump_01'] });
    expect(g.vmIds).toEqual(['vm_acme_app_01', 'vm_acme_app_02', 'vm_acme_jump_01', 'vm_acme_web_01']);
    expect(g.members.find((m) => m.vmId === 'vm_acme_jump_01')).toMatchObject({ syncState: 'syncing', syncProgress: 0, bootGroupId: 'grp_acme_web_bg2' });
    expect(g.members.find((m) => m.vmId === 'vm_acme_app_01')).toMatchObject({ syncState: 'synced' });
    expect(g).toMatchObject({ status: 'initialising', subStatus: 'initial sync of 1 new VM' });
    expect(db.select().from(groupMembers).where(eq(groupMembers.vmId, 'vm_acme_web_02')).all()).toEqual([]);
  });

  it('adds and removes members by delta, so two people adding at once both get theirs', async () => {
    const free = db.$client
      .prepare("SELECT v.id FROM vms v LEFT JOIN group_members m ON m.vm_id = v.id WHERE v.tenant_id = 'ten_acme' AND v.site_id = 'london' AND m.vm_id IS NULL ORDER BY v.id")
      .pluck()
      .all() as string[];
    expect(free.length).toBeGreaterThanOrEqual(2);
    const before = (await getGroup(db, ACME_ADMIN, 'grp_acme_web')).vmIds;
    await Promise.all([updateGroup(db, ACME_ADMIN, 'grp_acme_web', { addVmIds: [free[0]] }), updateGroup(db, ACME_ADMIN, 'grp_acme_web', { addVmIds: [free[1]] })]);
    expect((await getGroup(db, ACME_ADMIN, 'grp_acme_web')).vmIds).toEqual([...before, free[0], free[1]].sort());
    const g = await updateGroup(db, ACME_ADMIN, 'grp_acme_web', { removeVmIds: [free[0], before[0]] });
    expect(g.vmIds).toEqual([...before.slice(1), free[1]].sort());
    expect(auditOf('group.update')).toHaveLength(3);
  });

  it('refuses a delta that names a foreign VM or comes with a whole list, changing nothing', async () => {
    const before = await getGroup(db, ACME_ADMIN, 'grp_acme_web');
    expect(await fieldsOf(updateGroup(db, ACME_ADMIN, 'grp_acme_web', { addVmIds: ['vm_globex_web_01'] }))).toMatchObject({ status: 400, errors: [{ field: 'addVmIds.0' }] });
    expect(await fieldsOf(updateGroup(db, ACME_ADMIN, 'grp_acme_web', { vmIds: before.vmIds, addVmIds: ['vm_acme_jump_01'] }))).toMatchObject({ status: 400, errors: [{ field: 'vmIds' }] });
    expect((await getGroup(db, ACME_ADMIN, 'grp_acme_web')).vmIds).toEqual(before.vmIds);
    expect(auditOf('group.update')).toHaveLength(0);
  });

  it('replaces the recovery plan, which must place every member once', async () => {
    const plan = { bootGroups: [{ name: 'Everything', delayAfterSeconds: 10, vmIds: ['vm_acme_web_01', 'vm_acme_web_02', 'vm_acme_app_01', 'vm_acme_app_02'] }] };
    const g = await updateGroup(db, ACME_ADMIN, 'grp_acme_web', { recoveryPlan: plan });
    expect(g.recoveryPlan.bootGroups).toHaveLength(1);
    expect(g.members.every((m) => m.bootGroupId === g.recoveryPlan.bootGroups[0].id)).toBe(true);

    const missing = await fieldsOf(updateGroup(db, ACME_ADMIN, 'grp_acme_web', { recoveryPlan: { bootGroups: [{ name: 'A', vmIds: ['vm_acme_web_01'] }] } }));
    expect(missing.errors).toEqual([{ field: 'recoveryPlan.bootGroups', message: expect.stringContaining('acme-app-01, acme-app-02, acme-web-02') }]);
    const stranger = await fieldsOf(
      updateGroup(db, ACME_ADMIN, 'grp_acme_web', { recoveryPlan: { bootGroups: [{ name: 'A', vmIds: [...plan.bootGroups[0].vmIds, 'vm_acme_jump_01'] }] } }),
    );
    expect(stranger.errors).toEqual([{ field: 'recoveryPlan.bootGroups.0.vmIds.4', message: expect.stringContaining('not a member') }]);
    expect((await getGroup(db, ACME_ADMIN, 'grp_acme_web')).recoveryPlan.bootGroups).toHaveLength(1);
  });

  it('accepts unchanged sites but refuses to move a group to other sites', async () => {
    await expect(updateGroup(db, ACME_ADMIN, 'grp_acme_web', { sourceSiteId: 'london', targetSiteId: 'zurich', name: 'Web' })).resolves.toMatchObject({ name: 'Web' });
    expect((await fieldsOf(updateGroup(db, ACME_ADMIN, 'grp_acme_web', { targetSiteId: 'jersey' }))).errors).toEqual([
      { field: 'targetSiteId', message: expect.stringContaining('cannot change') },
    ]);
  });

  it('locks members, plan and networks while an operation is open, not the other settings', async () => {
    openOperation();
    await expect(updateGroup(db, ACME_ADMIN, 'grp_acme_web', { vmIds: [] })).rejects.toMatchObject({ status: 409, extra: { operationId: 'op_1' } });
    await expect(updateGroup(db, ACME_ADMIN, 'grp_acme_web', { testNetwork: { mode: 'keep-ip', network: 'x' } })).rejects.toMatchObject({ status: 409 });
    await expect(updateGroup(db, ACME_ADMIN, 'grp_acme_web', { rtoTargetMinutes: 45 })).resolves.toMatchObject({ rtoTargetMinutes: 45 });
    expect((await getGroup(db, ACME_ADMIN, 'grp_acme_web')).vmIds).toHaveLength(4);
  });

  it('is 404 for another tenant and 403 for a user, whatever the body', async () => {
    await expect(updateGroup(db, GLOBEX_ADMIN, 'grp_acme_web', { name: 'x' })).rejects.toMatchObject({ status: 404 });
    await expect(updateGroup(db, GLOBEX_ADMIN, 'grp_acme_web', { rpoTargetSeconds: -1 })).rejects.toMatchObject({ status: 404 });
    await expect(updateGroup(db, ACME_USER, 'grp_acme_web', { rpoTargetSeconds: -1 })).rejects.toMatchObject({ status: 403 });
    await expect(updateGroup(db, STAFF, 'grp_acme_web', { name: 'Renamed by staff' })).resolves.toMatchObject({ name: 'Renamed by staff' });
    expect(auditOf('group.update')[0]).toMatchObject({ tenantId: 'ten_acme', actorRole: 'staff' });
  });

  it('refuses a rename onto another group of the tenant with 409', async () => {
    await expect(updateGroup(db, ACME_ADMIN, 'grp_acme_web', { name: 'Policy database' })).rejects.toMatchObject({ status: 409 });
    await expect(updateGroup(db, ACME_ADMIN, 'grp_acme_web', { name: 'customer web tier' })).resolves.toBeTruthy();
  });

  it('does not audit or notify a change that changes nothing', async () => {
    await updateGroup(db, ACME_ADMIN, 'grp_acme_web', { rpoTargetSeconds: 300 });
    await updateGroup(db, ACME_ADMIN, 'grp_acme_web', {});
    expect(auditOf('group.update')).toEqual([]);
    expect(notified).toEqual([]);
  });
});

describe('deleteGroup', () => {
  it('deletes the group, frees its VMs, audits and tells the simulator', async () => {
    await deleteGroup(db, ACME_ADMIN, 'grp_acme_file');
    expect(groupCount()).toBe(5);
    expect(db.select().from(groupMembers).where(eq(groupMembers.vmId, 'vm_acme_file_01')).all()).toEqual([]);
    expect(auditOf('group.delete')[0]).toMatchObject({ tenantId: 'ten_acme', targetId: 'grp_acme_file', details: { name: 'File and backup', vmIds: ['vm_acme_bkp_01', 'vm_acme_file_01'] } });
    expect(notified).toEqual(['deleted:grp_acme_file']);
  });

  it('is 409 while an operation is open, 404 across tenants, 403 for a user', async () => {
    openOperation();
    await expect(deleteGroup(db, ACME_ADMIN, 'grp_acme_web')).rejects.toMatchObject({ status: 409, extra: { operationId: 'op_1' } });
    await expect(deleteGroup(db, GLOBEX_ADMIN, 'grp_acme_sql')).rejects.toMatchObject({ status: 404 });
    await expect(deleteGroup(db, ACME_USER, 'grp_acme_sql')).rejects.toMatchObject({ status: 403 });
    expect(groupCount()).toBe(6);
    expect(db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.outcome, 'denied'), eq(auditLog.actorEmail, 'user@acme.test'))).get()!.n).toBe(1);
  });
});
