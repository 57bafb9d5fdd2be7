import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import Database from 'better-sqlite3';
import { groupMembers, protectionGroups, rpoSamples, storageVolumes, vdcs, vmDisks, vmNics, vms } from '@/db/schema';
import { ACME_USER, GLOBEX_ADMIN } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { getGroup, listGroups } from '@/lib/domain/groups/groups';
import { cachedConfigRead, cachedRead } from './read-cache';

let db: DB;
beforeAll(async () => {
  db = await seededTestDb();
});

describe('cachedRead', () => {
  it('computes once until the database changes', () => {
    let runs = 0;
    const read = () => cachedRead(db, 'k', () => ++runs);
    expect([read(), read()]).toEqual([1, 1]);
    db.update(protectionGroups).set({ rpoSeconds: 7 }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    expect(read()).toBe(2);
  });

  it('reads afresh inside a transaction', () => {
    let runs = 0;
    db.transaction((tx) => {
      cachedRead(tx, 'tx', () => ++runs);
      cachedRead(tx, 'tx', () => ++runs);
    });
    expect(runs).toBe(2);
  });

  it('shares an async read, but forgets one that failed so the next caller tries again', async () => {
    let runs = 0;
    const failing = () => cachedRead(db, 'async', () => (++runs === 1 ? Promise.reject(new Error('busy')) : Promise.resolve(runs)));
    await expect(failing()).rejects.toThrow('busy');
    await Promise.resolve();
    const second = failing();
    expect(await second).toBe(2);
    expect(failing()).toBe(second);
  });
});

describe('listGroups through the cache', () => {
  it('shows a status change at once, and keeps tenants apart', async () => {
    const before = await listGroups(db, ACME_USER);
    expect(await listGroups(db, ACME_USER)).toBe(before);
    db.update(protectionGroups).set({ status: 'rpo-not-met' }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    const after = await listGroups(db, ACME_USER);
    expect(after.find((g) => g.id === 'grp_acme_web')?.status).toBe('rpo-not-met');
    expect((await listGroups(db, GLOBEX_ADMIN)).every((g) => g.tenantId === 'ten_globex')).toBe(true);
    expect((await listGroups(db, ACME_USER)).every((g) => g.tenantId === 'ten_acme')).toBe(true);
  });
});

describe('getGroup through the cache', () => {
  it('shows a change at once, and another tenant still gets 404', async () => {
    const before = await getGroup(db, ACME_USER, 'grp_acme_web');
    expect(await getGroup(db, ACME_USER, 'grp_acme_web')).toBe(before);
    db.update(protectionGroups).set({ rpoTargetSeconds: before.rpoTargetSeconds + 60 }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    expect((await getGroup(db, ACME_USER, 'grp_acme_web')).rpoTargetSeconds).toBe(before.rpoTargetSeconds + 60);
    await expect(getGroup(db, GLOBEX_ADMIN, 'grp_acme_web')).rejects.toMatchObject({ status: 404 });
  });
});

describe('cachedConfigRead', () => {
  const version = () => db.$client.prepare('SELECT n FROM config_version WHERE id = 1').pluck().get() as number;

  it('keeps a read through the simulator\'s writes of replication state', () => {
    let runs = 0;
    const read = () => cachedConfigRead(db, 'state', () => ++runs);
    expect(read()).toBe(1);
    const before = version();
    db.update(protectionGroups).set({ status: 'rpo-not-met', rpoSeconds: 90, writeIops: 12, updatedAt: new Date() }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    db.update(groupMembers).set({ syncState: 'synced', syncProgress: 1 }).where(eq(groupMembers.groupId, 'grp_acme_web')).run();
    db.update(vms).set({ powerState: 'off' }).where(eq(vms.id, 'vm_acme_web_01')).run();
    db.insert(rpoSamples).values({ groupId: 'grp_acme_web', tier: 0, timeMs: 1, rpoSeconds: 5, throughputMBps: 1, wanMBps: 1 }).onConflictDoNothing().run();
    expect(version()).toBe(before);
    expect(read()).toBe(1);
  });

  it('reads afresh after every kind of configuration write, by any connection', () => {
    let runs = 0;
    const read = () => cachedConfigRead(db, 'config', () => ++runs);
    const writes: [string, () => unknown][] = [
      ['group settings', () => db.update(protectionGroups).set({ journalHistoryHours: 12 }).where(eq(protectionGroups.id, 'grp_acme_web')).run()],
      ['group direction', () => db.update(protectionGroups).set({ targetSiteId: 'london' }).where(eq(protectionGroups.id, 'grp_acme_web')).run()],
      ['a member leaves', () => db.delete(groupMembers).where(eq(groupMembers.vmId, 'vm_acme_web_02')).run()],
      ['a member joins', () => db.insert(groupMembers).values({ groupId: 'grp_acme_web', vmId: 'vm_acme_web_02', addedAt: new Date() }).run()],
      ['a VM moves site (failover)', () => db.update(vms).set({ siteId: 'jersey', powerState: 'on' }).where(eq(vms.id, 'vm_acme_web_01')).run()],
      ['a NIC changes address', () => db.update(vmNics).set({ ipAddress: '10.10.1.99' }).where(eq(vmNics.vmId, 'vm_acme_web_01')).run()],
      ['a disk grows', () => db.update(vmDisks).set({ sizeGb: 999 }).where(eq(vmDisks.vmId, 'vm_acme_web_01')).run()],
      ['a vDC changes', () => db.update(vdcs).set({ storageGb: 12345 }).where(eq(vdcs.tenantId, 'ten_acme')).run()],
      ['a volume changes', () => db.update(storageVolumes).set({ sizeGb: 54321 }).where(eq(storageVolumes.tenantId, 'ten_acme')).run()],
      ['another connection', () => {
        const other = new Database(db.$client.name);
        other.prepare("UPDATE vm_nics SET network = 'other' WHERE vm_id = 'vm_acme_web_01'").run();
        other.close();
      }],
    ];
    let expected = read();
    for (const [what, write] of writes) {
      write();
      expected += 1;
      expect(read(), what).toBe(expected);
      expect(read(), `${what}, again`).toBe(expected);
    }
  });

  it('reads afresh inside a transaction', () => {
    let runs = 0;
    db.transaction((tx) => {
      cachedConfigRead(tx, 'config-tx', () => ++runs);
      cachedConfigRead(tx, 'config-tx', () => ++runs);
    });
    expect(runs).toBe(2);
  });
});
