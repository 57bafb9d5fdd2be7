/**
 * Where live messages come from: a use case (through its audit entry) and the operations
 * driver's steps reach the tenant's subscribers, and never another tenant's.
 */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { sites, vms } from '@/db/schema';
import { forceCheckFailure } from '@/lib/domain/drills/checks';
import { createServiceRequest } from '@/lib/domain/staff/service-requests';
import { setSiteOutage, type FaultInjector } from '@/lib/domain/staff/sites-faults';
import { liveEvents, type LiveMessage } from '@/lib/core/live-events';
import { startTestFailover } from '@/lib/domain/operations/operations';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { subscribeLive } from './events';

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web';
const subs: { unsubscribe: () => void }[] = [];

afterEach(() => {
  for (const s of subs.splice(0)) s.unsubscribe();
  setSimulatorForTests(undefined);
});

function listen(db: Parameters<typeof subscribeLive>[0], actor: Parameters<typeof subscribeLive>[1]) {
  const got: LiveMessage[] = [];
  subs.push(subscribeLive(db, actor, null, (m) => got.push(m)));
  return { got, topics: () => got.flatMap((m) => m.topics) };
}

describe('live messages from use cases and drivers', () => {
  it('a test failover started and advanced: its tenant hears the operation and the group; another tenant hears nothing', async () => {
    const db = await seededTestDb(new Date(NOW));
    writeJournal(db, WEB, NOW);
    const sim = new FakeSimulator(NOW);
    setSimulatorForTests(sim);
    liveEvents().flush();
    const acme = listen(db, ACME_USER);
    const globex = listen(db, GLOBEX_ADMIN);
    const staff = listen(db, STAFF);

    const op = await startTestFailover(db, ACME_ADMIN, WEB, {});
    liveEvents().flush();
    expect(acme.topics()).toEqual(expect.arrayContaining(['operations', 'audit', `operation:${op.id}`]));

    acme.got.length = 0;
    expect(advanceOpenOperations(db, NOW + 20_000, sim).changed).toBe(1); // a step of the driver, no audit entry needed
    liveEvents().flush();
    expect(acme.topics()).toEqual(expect.arrayContaining(['operations', `operation:${op.id}`, 'groups', `group:${WEB}`, 'dashboard', 'runs']));
    expect(acme.got.every((m) => m.tenantId === 'ten_acme')).toBe(true);

    expect(globex.got).toEqual([]);
    expect(staff.got.length).toBeGreaterThan(0);
  });

  it('a refused action (audited as denied) sends nothing', async () => {
    const db = await seededTestDb(new Date(NOW));
    setSimulatorForTests(new FakeSimulator(NOW));
    liveEvents().flush();
    const acme = listen(db, ACME_ADMIN);
    await expect(startTestFailover(db, ACME_USER, WEB, {})).rejects.toThrow();
    liveEvents().flush();
    expect(acme.got).toEqual([]);
  });
});

describe('the topics the remaining timers were replaced with (staff pages, test checks)', () => {
  it('a client raising a service request refreshes the staff queue (requests), not another tenant', async () => {
    const db = await seededTestDb(new Date(NOW));
    liveEvents().flush();
    const staff = listen(db, STAFF);
    const globex = listen(db, GLOBEX_ADMIN);
    await createServiceRequest(db, ACME_ADMIN, { kind: 'grow-resources', priority: 'P3', title: 'More memory', description: 'Month end', vdcId: 'vdc_acme_london_production', change: { memoryGb: 64 } }, new Date(NOW));
    liveEvents().flush();
    expect(staff.topics()).toContain('requests');
    expect(globex.got).toEqual([]);
  });

  it('a site taken down refreshes every audience’s site views (sites, provider-wide, no ids)', async () => {
    const db = await seededTestDb(new Date(NOW));
    const site = db.select({ id: sites.id }).from(sites).get()!.id;
    const sim: FaultInjector = {
      now: () => NOW,
      setSiteDown: (id, down) => void db.update(sites).set({ status: down ? 'offline' : 'online' }).where(eq(sites.id, id)).run(),
      setLinkDown: () => {},
    };
    liveEvents().flush();
    const staff = listen(db, STAFF);
    const globex = listen(db, GLOBEX_ADMIN);
    setSiteOutage(db, STAFF, sim, site, { down: true });
    liveEvents().flush();
    for (const who of [staff, globex]) expect(who.topics()).toEqual(expect.arrayContaining(['sites', 'groups']));
    expect(globex.got.every((m) => m.tenantId === null && m.topics.every((t) => !t.includes(':')))).toBe(true);
  });

  it('a fault injected into a VM’s checks refreshes its tenant’s open test checks (vms)', async () => {
    const db = await seededTestDb(new Date(NOW));
    setSimulatorForTests(new FakeSimulator(NOW));
    const vm = db.select({ id: vms.id }).from(vms).where(eq(vms.tenantId, 'ten_acme')).get()!.id;
    liveEvents().flush();
    const acme = listen(db, ACME_USER);
    const globex = listen(db, GLOBEX_ADMIN);
    await forceCheckFailure(db, STAFF, vm, { reason: 'live test' });
    liveEvents().flush();
    expect(acme.topics()).toContain('vms');
    expect(globex.got).toEqual([]);
  });
});
