import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { operations } from '@/db/schema';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { getGroup, listGroups } from './groups';
import { setSimulatorForTests } from '@/lib/sim/bridge';

let db: DB;
beforeAll(async () => {
  setSimulatorForTests(null);
  db = await seededTestDb();
  db.insert(operations)
    .values({
      id: 'op_open', tenantId: 'ten_acme', groupId: 'grp_acme_web', type: 'test-failover', status: 'testing', fromSiteId: 'london', toSiteId: 'zurich',
      options: {}, startedBy: 'usr_admin_acme', startedByEmail: 'admin@acme.test', startedAt: new Date(),
    })
    .run();
});

describe('listGroups', () => {
  it('returns the tenant groups with every API field', async () => {
    const groups = await listGroups(db, ACME_USER);
    expect(groups.map((g) => g.id)).toEqual(['grp_acme_web', 'grp_acme_file', 'grp_acme_sql']);
    const web = groups[0];
    expect(Object.keys(web).sort()).toEqual(
      [
        'createdAt', 'description', 'id', 'journalHistoryHours', 'lastTestEndedAt', 'lastTestResult', 'lastTestedAt', 'name', 'openOperationId', 'priority', 'rpoSeconds',
        'rpoTargetSeconds', 'rtoTargetMinutes', 'sourceSiteId', 'status', 'subStatus', 'targetSiteId', 'tenantId', 'version', 'vmIds',
      ].sort(),
    );
    expect(web).toMatchObject({ tenantId: 'ten_acme', sourceSiteId: 'london', targetSiteId: 'zurich', openOperationId: 'op_open', status: 'meeting-sla' });
    expect(web.vmIds).toEqual(['vm_acme_app_01', 'vm_acme_app_02', 'vm_acme_web_01', 'vm_acme_web_02']);
    expect(web.lastTestedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(groups.find((g) => g.id === 'grp_acme_file')).toMatchObject({ lastTestedAt: null, openOperationId: null });
  });

  it('scopes: a client never sees another tenant; staff see all or filter', async () => {
    expect((await listGroups(db, GLOBEX_ADMIN, { tenantId: 'ten_acme' })).every((g) => g.tenantId === 'ten_globex')).toBe(true);
    expect((await listGroups(db, STAFF)).length).toBe(6);
    expect((await listGroups(db, STAFF, { tenantId: 'ten_acme' })).length).toBe(3);
  });
});

describe('getGroup', () => {
  it('returns members, recovery plan in boot order, networks and journal', async () => {
    const g = await getGroup(db, ACME_USER, 'grp_acme_web');
    expect(g.members).toHaveLength(4);
    expect(g.members[0]).toEqual({
      vmId: 'vm_acme_app_01', name: 'acme-app-01', os: 'linux', diskGb: 320, syncState: 'synced', syncProgress: 1,
      agentInstalled: false, continuousWriter: false, bootGroupId: 'grp_acme_web_bg1',
    });
    expect(g.recoveryPlan.bootGroups).toEqual([
      { id: 'grp_acme_web_bg1', name: 'Application servers', position: 0, delayAfterSeconds: 60, vmIds: ['vm_acme_app_01', 'vm_acme_app_02'] },
      { id: 'grp_acme_web_bg2', name: 'Web servers', position: 1, delayAfterSeconds: 0, vmIds: ['vm_acme_web_01', 'vm_acme_web_02'] },
    ]);
    expect(g.liveNetwork.mode).toBe('re-ip');
    expect(g.testNetwork).toEqual({ mode: 'keep-ip', network: 'dr-test-isolated', mappings: [] });
    expect(g.journal).toEqual({ historyCoveredSeconds: expect.any(Number), journalUsedGb: expect.any(Number), journalLimitGb: 400 });
    expect(g).toHaveProperty('throughputMBps');
    expect(g).toHaveProperty('backlogMB');
  });

  it('answers 404 for another tenant group and for an unknown id alike', async () => {
    await expect(getGroup(db, GLOBEX_ADMIN, 'grp_acme_web')).rejects.toMatchObject({ status: 404, message: 'No protection group with id grp_acme_web.' });
    await expect(getGroup(db, GLOBEX_ADMIN, 'grp_nope')).rejects.toMatchObject({ status: 404 });
    await expect(getGroup(db, STAFF, 'grp_acme_web')).resolves.toMatchObject({ id: 'grp_acme_web' });
    await expect(getGroup(db, ACME_ADMIN, 'grp_acme_web')).resolves.toMatchObject({ id: 'grp_acme_web' });
  });
});
