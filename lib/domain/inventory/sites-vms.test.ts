import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { listSites } from './sites';
import { listVms } from './vms';

let db: DB;
beforeAll(async () => {
  setSimulatorForTests(null);
  db = await seededTestDb();
});

describe('listSites', () => {
  it('lists the eight sites with only the public columns', async () => {
    const sites = await listSites(db, ACME_USER);
    expect(sites.map((s) => s.id).sort()).toEqual(['bermuda', 'guernsey', 'jersey', 'london', 'singapore', 'toronto', 'vancouver', 'zurich']);
    expect(Object.keys(sites[0]).sort()).toEqual(['country', 'id', 'name', 'status']);
  });
});

describe('listVms', () => {
  it('pins client roles to their own tenant, even when they ask for another', async () => {
    const vms = await listVms(db, ACME_USER, { tenantId: 'ten_globex' });
    expect(vms.length).toBe(11);
    expect(new Set(vms.map((v) => v.tenantId))).toEqual(new Set(['ten_acme']));
  });

  it('gives staff every tenant, or one with tenantId', async () => {
    expect((await listVms(db, STAFF)).length).toBe(19);
    expect((await listVms(db, STAFF, { tenantId: 'ten_globex' })).every((v) => v.tenantId === 'ten_globex')).toBe(true);
  });

  it('joins group, sync state and the sum of the disks', async () => {
    const sql = (await listVms(db, ACME_ADMIN, { q: 'sql-01' }))[0];
    expect(sql).toMatchObject({ name: 'acme-sql-01', groupId: 'grp_acme_sql', groupName: 'Policy database', diskGb: 1100, syncState: 'synced', syncProgress: 1, agentInstalled: true });
    const jump = (await listVms(db, ACME_ADMIN, { q: 'jump' }))[0];
    expect(jump).toMatchObject({ groupId: null, groupName: null, syncState: null, syncProgress: null });
  });

  it('filters by site, group and protection, and takes LIKE wildcards literally', async () => {
    expect((await listVms(db, ACME_ADMIN, { siteId: 'jersey' })).map((v) => v.name)).toEqual(['acme-bkp-01', 'acme-file-01']);
    expect((await listVms(db, ACME_ADMIN, { groupId: 'grp_acme_web' })).length).toBe(4);
    expect((await listVms(db, ACME_ADMIN, { protected: 'false' })).map((v) => v.name)).toEqual(['acme-jump-01', 'acme-test-01']);
    expect((await listVms(db, ACME_ADMIN, { protected: true })).length).toBe(9);
    expect(await listVms(db, ACME_ADMIN, { q: '%' })).toEqual([]);
    expect(await listVms(db, GLOBEX_ADMIN, { groupId: 'grp_acme_web' })).toEqual([]);
  });

  it('rejects a malformed filter with a field error', async () => {
    await expect(listVms(db, ACME_ADMIN, { protected: 'maybe' })).rejects.toMatchObject({ status: 400, extra: { errors: [{ field: 'protected' }] } });
  });
});
