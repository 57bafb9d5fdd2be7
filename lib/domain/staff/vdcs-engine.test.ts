/**
 * Staff changing a vDC (or resolving a grow/shrink request) tell the engine the storage volumes
 * changed: the new guaranteed IOPS is what caps the groups replicating into that site.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { protectionGroups, vdcs } from '@/db/schema';
import { FakeSimulator } from '@/lib/operations/testing';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { createSimulator } from '@/lib/sim/runtime';
import { ACME_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { ForbiddenError } from '@/lib/core/errors';
import { createVdc, deleteVdc, updateVdc } from './vdcs';
import { updateServiceRequest } from './service-request-update';
import { createServiceRequest } from './service-requests';

const NOW = Date.UTC(2026, 4, 12, 9, 30, 0);
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('a changed guaranteed IOPS reaches the engine', () => {
  let db: DB;
  let sim: ReturnType<typeof createSimulator>;
  beforeAll(async () => {
    db = await seededTestDb(new Date(NOW));
    sim = createSimulator(db, { startAtMs: NOW, backfillHours: 0, seed: 1 });
    setSimulatorForTests(sim);
  });
  afterAll(() => setSimulatorForTests(undefined));

  it('updateVdc: the group replicating into the site is capped by the new sum at once', async () => {
    const g = db.select().from(protectionGroups).where(eq(protectionGroups.id, 'grp_acme_web')).get()!;
    const vdc = db.select().from(vdcs).where(and(eq(vdcs.tenantId, g.tenantId), eq(vdcs.siteId, g.targetSiteId), eq(vdcs.kind, 'recovery'))).get()!;
    const before = sim.engine.volumeOf(g.id)!;
    expect(before.siteId).toBe(g.targetSiteId);
    updateVdc(db, STAFF, g.tenantId, vdc.id, { guaranteedIops: vdc.guaranteedIops + 1234 });
    await settle();
    expect(sim.engine.volumeOf(g.id)!.guaranteedIops).toBe(before.guaranteedIops + 1234);
  });

  it('a refused change (client role) tells the engine nothing and leaves the cap', async () => {
    const g = db.select().from(protectionGroups).where(eq(protectionGroups.id, 'grp_acme_web')).get()!;
    const vdc = db.select().from(vdcs).where(and(eq(vdcs.tenantId, g.tenantId), eq(vdcs.siteId, g.targetSiteId), eq(vdcs.kind, 'recovery'))).get()!;
    const before = sim.engine.volumeOf(g.id)!.guaranteedIops;
    expect(() => updateVdc(db, ACME_ADMIN, g.tenantId, vdc.id, { guaranteedIops: 1 })).toThrow(ForbiddenError);
    await settle();
    expect(sim.engine.volumeOf(g.id)!.guaranteedIops).toBe(before);
  });
});

describe('every vDC change notifies (fake simulator)', () => {
  let db: DB;
  let fake: FakeSimulator;
  beforeAll(async () => {
    db = await seededTestDb(new Date(NOW));
  });
  afterEach(() => setSimulatorForTests(undefined));
  const notified = () => fake.calls.filter((c) => c.method === 'notifyVolumesChanged').length;

  it('create, update and delete each notify once, after the commit; a refused input does not', async () => {
    fake = new FakeSimulator(NOW);
    setSimulatorForTests(fake);
    const v = createVdc(db, STAFF, 'ten_globex', { siteId: 'zurich', kind: 'production', vcpuGhz: 1, memoryGb: 1, storageGb: 10, guaranteedIops: 100 });
    await settle();
    expect(notified()).toBe(1);
    updateVdc(db, STAFF, 'ten_globex', v.id, { guaranteedIops: 200 });
    await settle();
    expect(notified()).toBe(2);
    expect(() => updateVdc(db, STAFF, 'ten_globex', v.id, { guaranteedIops: -5 })).toThrow();
    await settle();
    expect(notified()).toBe(2);
    deleteVdc(db, STAFF, 'ten_globex', v.id);
    await settle();
    expect(notified()).toBe(3);
  });

  it('resolving a grow request notifies after its transaction; a note alone does not', async () => {
    fake = new FakeSimulator(NOW);
    setSimulatorForTests(fake);
    const at = new Date(NOW);
    const r = await createServiceRequest(db, ACME_ADMIN, { kind: 'grow-resources', priority: 'P3', title: 'More IOPS', description: 'Month end', vdcId: 'vdc_acme_london_production', change: { guaranteedIops: 500 } }, at);
    await updateServiceRequest(db, STAFF, r.id, { note: 'Looking.' }, at);
    expect(notified()).toBe(0);
    await updateServiceRequest(db, STAFF, r.id, { status: 'resolved' }, at);
    expect(notified()).toBe(1);
  });
});
