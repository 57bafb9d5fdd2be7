/**
 * Storage at the recovery site, through group create and update: replica + journal of every group
 * against the recovery vDC and the dedicated volume. Figures worked by hand from the seed:
 * Policy database (London → Jersey) holds dc-01 80 GB + sql-01 1,100 GB + sql-02 1,100 GB =
 * 2,280 GB of replica, and 1.55 MB/s × 48 h = 267,840 MB = 261.6 GB of journal: 2,541.6 GB.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { groupMembers, protectionGroups, vdcs } from '@/db/schema';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_ADMIN } from '@/lib/testing/actors';
import { createGroup, getGroup, updateGroup } from '@/lib/domain/groups/groups';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import type { SimulatorControl } from '@/lib/sim/contract';
import { groupsStorage, storagePoolsAt } from './storage-usage';

let db: DB;
beforeEach(async () => {
  setSimulatorForTests({ now: () => Date.parse('2025-06-01T12:00:00Z'), notifyConfigChanged: () => {}, notifyGroupDeleted: () => {} } as unknown as SimulatorControl);
  db = await seededTestDb();
  // Shrink Acme's Jersey recovery vDC to 2,600 GB: 58.4 GB left next to the Policy database.
  db.update(vdcs).set({ storageGb: 2600 }).where(eq(vdcs.id, 'vdc_acme_jersey_recovery')).run();
});

const base = { name: 'Jump hosts', sourceSiteId: 'london', targetSiteId: 'jersey', rpoTargetSeconds: 300, rtoTargetMinutes: 30, journalHistoryHours: 24 };
const rejection = (p: Promise<unknown>) => p.then(() => { throw new Error('not refused'); }, (e: { status: number; message: string; extra: Record<string, unknown> }) => e);

describe('storage counted at the recovery site', () => {
  it('counts the seeded groups: vDC holds the groups, the volume also the production disks there', () => {
    expect(groupsStorage(db, 'ten_acme').get('grp_acme_sql')).toMatchObject({ replicaGb: 2280, journalGb: 261.6, totalGb: 2541.6 });
    // Jersey volume: 8,000 + 6,000 GB; production disks at Jersey: file-01 1,600 + bkp-01 2,100 = 3,700 GB.
    expect(storagePoolsAt(db, 'ten_acme', 'jersey', null)).toEqual([
      expect.objectContaining({ kind: 'vdc', capacityGb: 2600, usedGb: 2541.6 }),
      expect.objectContaining({ kind: 'volume', name: 'acme-jersey-ssd01', capacityGb: 14000, usedGb: 6241.6 }),
    ]);
  });

  it('creates a group that fits (jump-01: 40 GB + 1.7 GB journal) and refuses one that does not, with the numbers', async () => {
    // jump-01 40 GB + test-01 60 GB; 0.07 MB/s × 24 h = 6,048 MB = 5.9 GB: 105.9 GB > 58.4 GB.
    const e = await rejection(createGroup(db, ACME_ADMIN, { ...base, vmIds: ['vm_acme_jump_01', 'vm_acme_test_01'] }));
    expect(e.status).toBe(422);
    expect(e.message).toContain('Jump hosts needs 105.9 GB (replica and journal) on the recovery vDC Acme Insurance recovery vDC, Jersey: 2,541.6 GB of 2,600 GB used by others, 58.4 GB available.');
    expect(e.extra.storage).toEqual([expect.objectContaining({ kind: 'vdc', id: 'vdc_acme_jersey_recovery', neededGb: 105.9, usedGb: 2541.6, availableGb: 58.4, capacityGb: 2600 })]);
    expect(db.select({ n: count() }).from(protectionGroups).get()!.n).toBe(6);

    const g = await createGroup(db, ACME_ADMIN, { ...base, vmIds: ['vm_acme_jump_01'] });
    expect(g.members).toHaveLength(1);
  });

  it('refuses adding a VM that would overflow, and changes nothing', async () => {
    const g = await createGroup(db, ACME_ADMIN, { ...base, vmIds: ['vm_acme_jump_01'] });
    const e = await rejection(updateGroup(db, ACME_ADMIN, g.id, { addVmIds: ['vm_acme_test_01'] }));
    expect(e.status).toBe(422);
    expect(e.extra.storage).toEqual([expect.objectContaining({ neededGb: 105.9, availableGb: 58.4 })]);
    expect(db.select().from(groupMembers).where(eq(groupMembers.groupId, g.id)).all()).toHaveLength(1);
  });

  it('refuses a longer journal history that outgrows the vDC, allows one that shrinks it', async () => {
    // 1.55 MB/s × 168 h = 937,440 MB = 915.5 GB of journal (limit 1,500): 3,195.5 GB > 2,600 GB.
    const e = await rejection(updateGroup(db, ACME_ADMIN, 'grp_acme_sql', { journalHistoryHours: 168 }));
    expect(e.status).toBe(422);
    expect(e.message).toContain('Policy database needs 3,195.5 GB (replica and journal) on the recovery vDC Acme Insurance recovery vDC, Jersey: 0 GB of 2,600 GB used by others, 2,600 GB available.');
    expect((await getGroup(db, ACME_ADMIN, 'grp_acme_sql')).journalHistoryHours).toBe(48);
    // Already over a smaller vDC, a change that does not grow the group still goes through.
    db.update(vdcs).set({ storageGb: 1000 }).where(eq(vdcs.id, 'vdc_acme_jersey_recovery')).run();
    expect((await updateGroup(db, ACME_ADMIN, 'grp_acme_sql', { journalHistoryHours: 24 })).journalHistoryHours).toBe(24);
  });
});
