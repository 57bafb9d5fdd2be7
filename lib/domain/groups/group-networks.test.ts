import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { auditLog, groupMembers, protectionGroups, vmNics } from '@/db/schema';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import type { DomainError } from '@/lib/core/errors';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import type { SimulatorControl } from '@/lib/sim/contract';
import { readGroupNetworks } from './group-networks';
import { updateGroupNetworks } from './group-networks-update';
import { createGroup, updateGroup } from './groups';

let db: DB;
beforeEach(async () => {
  setSimulatorForTests({ now: () => Date.parse('2025-06-01T12:00:00Z'), notifyConfigChanged: () => {}, notifyGroupDeleted: () => {} } as unknown as SimulatorControl);
  db = await seededTestDb();
});

const failure = async (p: Promise<unknown>) => {
  const error = (await p.then(() => null, (e: unknown) => e)) as DomainError | null;
  return { status: error?.status, errors: (error?.extra.errors as { field: string; message: string; vmId?: string; nic?: number }[] | undefined) ?? [] };
};
const audits = () => db.select().from(auditLog).where(eq(auditLog.action, 'group.update')).all();
const liveOf = (id: string) => db.select({ n: protectionGroups.liveNetwork }).from(protectionGroups).where(eq(protectionGroups.id, id)).get()!.n;
const webLive = { mode: 're-ip', network: 'dr-prod', mappings: [{ sourceSubnet: '10.10.0.0/16', targetSubnet: '10.110.0.0/16', gateway: '10.110.0.1', dns: ['10.110.0.10'] }] };

describe('readGroupNetworks', () => {
  it('a user of the tenant reads every NIC with its test (keep IP) and live (re-IP) address', async () => {
    const n = await readGroupNetworks(db, ACME_USER, 'grp_acme_web');
    expect(n.issues).toEqual([]);
    expect(n.vms.map((v) => v.name)).toEqual(['acme-app-01', 'acme-app-02', 'acme-web-01', 'acme-web-02']);
    expect(n.vms[2].nics).toEqual([
      {
        nic: 0, network: 'prod', ip: '10.10.1.11', mac: expect.stringMatching(/^00:50:56:/),
        test: { network: 'dr-test-isolated', ip: '10.10.1.11', prefix: null, gateway: null, dns: [], rule: 'keep-ip' },
        live: { network: 'dr-prod', ip: '10.110.1.11', prefix: 16, gateway: '10.110.0.1', dns: ['10.110.0.10'], rule: 'subnet-map' },
      },
    ]);
  });

  it('staff read any tenant’s; another tenant’s group is not found', async () => {
    expect((await readGroupNetworks(db, STAFF, 'grp_acme_web')).groupId).toBe('grp_acme_web');
    expect((await failure(readGroupNetworks(db, GLOBEX_ADMIN, 'grp_acme_web'))).status).toBe(404);
  });
});

describe('updateGroupNetworks', () => {
  it('a client_admin sets a static override: saved, shown, audited as a group change', async () => {
    const n = await updateGroupNetworks(db, ACME_ADMIN, 'grp_acme_web', { liveNetwork: { ...webLive, overrides: [{ vmId: 'vm_acme_web_01', nic: 0, ip: '10.110.80.1' }] } });
    expect(n.vms.find((v) => v.vmId === 'vm_acme_web_01')!.nics[0].live).toMatchObject({ ip: '10.110.80.1', rule: 'override' });
    expect(liveOf('grp_acme_web').overrides).toEqual([{ vmId: 'vm_acme_web_01', nic: 0, ip: '10.110.80.1' }]);
    expect(audits()).toEqual([expect.objectContaining({ tenantId: 'ten_acme', targetId: 'grp_acme_web', actorEmail: 'admin@acme.test', outcome: 'success' })]);
    expect(Object.keys((audits()[0].details as { changes: object }).changes)).toEqual(['liveNetwork']);
  });

  it('staff may change mappings; a user may not (403); another tenant’s admin gets 404; nothing changes', async () => {
    const body = { testNetwork: { mode: 'keep-ip', network: 'dr-test-2' } };
    expect((await failure(updateGroupNetworks(db, ACME_USER, 'grp_acme_web', body))).status).toBe(403);
    expect((await failure(updateGroupNetworks(db, GLOBEX_ADMIN, 'grp_acme_web', body))).status).toBe(404);
    expect(audits()).toEqual([]);
    const n = await updateGroupNetworks(db, STAFF, 'grp_acme_web', body);
    expect(n.vms[0].nics[0].test?.network).toBe('dr-test-2');
  });

  it('refuses an override outside every target subnet with 400 naming the field, the VM and the NIC; nothing changes', async () => {
    const before = liveOf('grp_acme_web');
    const f = await failure(updateGroupNetworks(db, ACME_ADMIN, 'grp_acme_web', { liveNetwork: { ...webLive, overrides: [{ vmId: 'vm_acme_web_01', nic: 0, ip: '10.99.0.5' }] } }));
    expect(f).toEqual({
      status: 400,
      errors: [{ field: 'liveNetwork.overrides.0.ip', vmId: 'vm_acme_web_01', nic: 0, message: 'acme-web-01 NIC 0: 10.99.0.5 is outside every target subnet (10.110.0.0/16).' }],
    });
    expect(liveOf('grp_acme_web')).toEqual(before);
    expect(audits()).toEqual([]);
  });

  it('refuses a gateway outside its subnet and malformed input with 400 naming the field', async () => {
    const gw = await failure(updateGroupNetworks(db, ACME_ADMIN, 'grp_acme_web', { liveNetwork: { ...webLive, mappings: [{ ...webLive.mappings[0], gateway: '10.111.0.1' }] } }));
    expect(gw).toEqual({ status: 400, errors: [expect.objectContaining({ field: 'liveNetwork.mappings.0.gateway', message: 'The gateway must be inside the target subnet.' })] });
    const nic = await failure(updateGroupNetworks(db, ACME_ADMIN, 'grp_acme_web', { liveNetwork: { ...webLive, overrides: [{ vmId: 'vm_acme_web_01', nic: -1, ip: '10.110.0.9' }] } }));
    expect(nic.errors.map((e) => e.field)).toEqual(['liveNetwork.overrides.0.nic']);
    expect((await failure(updateGroupNetworks(db, ACME_ADMIN, 'grp_acme_web', {}))).errors.map((e) => e.field)).toEqual(['testNetwork']);
  });

  it('refuses a duplicate address inside the group, naming both NICs', async () => {
    const f = await failure(updateGroupNetworks(db, ACME_ADMIN, 'grp_acme_web', { liveNetwork: { ...webLive, overrides: [{ vmId: 'vm_acme_app_01', nic: 0, ip: '10.110.1.11' }] } }));
    expect(f).toEqual({
      status: 400,
      errors: [{ field: 'liveNetwork.overrides.0.ip', vmId: 'vm_acme_app_01', nic: 0, message: 'acme-app-01 NIC 0 would get 10.110.1.11 on "dr-prod", as acme-web-01 NIC 0 does.' }],
    });
  });

  it('refuses an address a VM already running at the recovery site uses', async () => {
    // acme-file-01 runs at Jersey on "prod" with 10.20.1.40; the policy database recovers to Jersey.
    const f = await failure(
      updateGroupNetworks(db, ACME_ADMIN, 'grp_acme_sql', {
        liveNetwork: { mode: 're-ip', network: 'prod', mappings: [{ sourceSubnet: '10.10.0.0/16', targetSubnet: '10.20.0.0/16', gateway: '10.20.0.1', dns: [] }], overrides: [{ vmId: 'vm_acme_sql_01', nic: 0, ip: '10.20.1.40' }] },
      }),
    );
    expect(f.errors).toEqual([
      { field: 'liveNetwork.overrides.0.ip', vmId: 'vm_acme_sql_01', nic: 0, message: 'acme-sql-01 NIC 0 would get 10.20.1.40 on "prod", already used by acme-file-01 NIC 0 (running at the recovery site).' },
    ]);
  });

  it('refuses an address another group of the tenant gives at the same recovery site, on create and on update', async () => {
    const live = { ...webLive, overrides: [{ vmId: 'vm_acme_jump_01', nic: 0, ip: '10.110.1.11' }] };
    const base = { name: 'Jump hosts', sourceSiteId: 'london', targetSiteId: 'zurich', rpoTargetSeconds: 300, rtoTargetMinutes: 30, journalHistoryHours: 24, vmIds: ['vm_acme_jump_01'] };
    const created = await failure(createGroup(db, ACME_ADMIN, { ...base, liveNetwork: live }));
    expect(created.errors).toEqual([
      { field: 'liveNetwork.overrides.0.ip', vmId: 'vm_acme_jump_01', nic: 0, message: 'acme-jump-01 NIC 0 would get 10.110.1.11 on "dr-prod", already used by acme-web-01 NIC 0 (live address in group "Customer web tier").' },
    ]);
    const g = await createGroup(db, ACME_ADMIN, { ...base, liveNetwork: webLive });
    expect((await failure(updateGroup(db, ACME_ADMIN, g.id, { liveNetwork: live }))).errors.map((e) => e.vmId)).toEqual(['vm_acme_jump_01']);
  });
});

describe('readGroupNetworks, shared between renders and polls', () => {
  it('answers from one read until the database changes, then reads afresh (never stale), per tenant scope', async () => {
    const a = await readGroupNetworks(db, ACME_ADMIN, 'grp_acme_web');
    expect(await readGroupNetworks(db, ACME_USER, 'grp_acme_web')).toBe(a);
    db.update(protectionGroups).set({ name: 'Web tier renamed' }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    const b = await readGroupNetworks(db, ACME_ADMIN, 'grp_acme_web');
    expect(b).not.toBe(a);
    expect(b.groupName).toBe('Web tier renamed');
    await expect(readGroupNetworks(db, GLOBEX_ADMIN, 'grp_acme_web')).rejects.toMatchObject({ status: 404 });
  });
});

describe('readGroupNetworks, cached on the configuration version', () => {
  const sqlLive = (ip: string) => ({ mode: 're-ip', network: 'prod', mappings: [{ sourceSubnet: '10.10.0.0/16', targetSubnet: '10.20.0.0/16', gateway: '10.20.0.1', dns: [] }], overrides: [{ vmId: 'vm_acme_sql_01', nic: 0, ip }] });

  it('keeps one read through the simulator\'s writes of replication state', async () => {
    const a = await readGroupNetworks(db, ACME_USER, 'grp_acme_web');
    db.update(protectionGroups).set({ status: 'rpo-not-met', rpoSeconds: 120, updatedAt: new Date() }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    db.update(groupMembers).set({ syncState: 'synced', syncProgress: 1 }).where(eq(groupMembers.groupId, 'grp_acme_web')).run();
    expect(await readGroupNetworks(db, ACME_USER, 'grp_acme_web')).toBe(a);
  });

  it('shows in the next read a NIC changed elsewhere that now takes an address the group gives (a VM running at the recovery site)', async () => {
    // The policy database recovers to Jersey; acme-file-01 runs there with 10.20.1.40 on "prod".
    db.update(protectionGroups).set({ liveNetwork: sqlLive('10.20.1.41') as never }).where(eq(protectionGroups.id, 'grp_acme_sql')).run();
    expect((await readGroupNetworks(db, ACME_USER, 'grp_acme_sql')).issues).toEqual([]);
    db.update(vmNics).set({ ipAddress: '10.20.1.41' }).where(eq(vmNics.vmId, 'vm_acme_file_01')).run();
    const after = await readGroupNetworks(db, ACME_USER, 'grp_acme_sql');
    expect(after.issues).toEqual([
      { field: 'liveNetwork.overrides.0.ip', vmId: 'vm_acme_sql_01', nic: 0, message: 'acme-sql-01 NIC 0 would get 10.20.1.41 on "prod", already used by acme-file-01 NIC 0 (running at the recovery site).' },
    ]);
    // A member's own NIC: its production address in the next read.
    db.update(vmNics).set({ ipAddress: '10.10.1.77' }).where(eq(vmNics.vmId, 'vm_acme_web_01')).run();
    expect((await readGroupNetworks(db, ACME_USER, 'grp_acme_web')).vms.find((v) => v.vmId === 'vm_acme_web_01')?.nics[0].ip).toBe('10.10.1.77');
  });

  it('shows a membership change and a failover (the group now recovers elsewhere) in the next read', async () => {
    await readGroupNetworks(db, ACME_USER, 'grp_acme_web');
    db.delete(groupMembers).where(eq(groupMembers.vmId, 'vm_acme_web_02')).run();
    expect((await readGroupNetworks(db, ACME_USER, 'grp_acme_web')).vms.map((v) => v.name)).toEqual(['acme-app-01', 'acme-app-02', 'acme-web-01']);
    db.update(protectionGroups).set({ targetSiteId: 'london' }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    expect((await readGroupNetworks(db, ACME_USER, 'grp_acme_web')).targetSiteId).toBe('london');
  });
});
