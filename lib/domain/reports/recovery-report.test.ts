import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { protectionGroups } from '@/db/schema';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { commitOperation, startFailover as startFailoverGated, startTestFailover, stopTest, type OperationDto } from '@/lib/domain/operations/operations';
import { recoveryOutcome, recoveryReport } from './recovery-report';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { startedOnly } from '@/lib/testing/started';

const startFailover = startedOnly(startFailoverGated);

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web'; // london → zurich, plan: 2 app VMs, 60 s delay, 2 web VMs
const SQL = 'grp_acme_sql';

let db: DB;
let sim: FakeSimulator;
let failover: OperationDto;
let failedTest: OperationDto;

const tick = (seconds: number) => {
  sim.nowMs += seconds * 1000;
  return advanceOpenOperations(db, sim.nowMs, sim);
};

beforeAll(async () => {
  db = await seededTestDb(new Date(NOW));
  sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  db.update(protectionGroups).set({ rpoSeconds: 6 }).run();
  writeJournal(db, SQL, NOW);
  failedTest = await startTestFailover(db, ACME_ADMIN, SQL, {});
  tick(900);
  await stopTest(db, ACME_ADMIN, failedTest.id, { result: 'failed', notes: 'SQL service did not start' });
  tick(60);
  writeJournal(db, WEB, sim.nowMs);
  failover = await startFailover(db, ACME_ADMIN, WEB, { commitPolicy: 'manual' });
  tick(900);
  await commitOperation(db, ACME_ADMIN, failover.id);
  tick(60);
});
afterAll(() => setSimulatorForTests(undefined));

describe('recovery report', () => {
  it('lists live failovers beside tests, newest first, with their outcome', async () => {
    const { items, truncated } = await recoveryReport(db, ACME_USER);
    expect(truncated).toBe(false);
    expect(items.slice(0, 2).map((o) => [o.id, o.type, o.outcome])).toEqual([
      [failover.id, 'failover', 'completed'],
      [failedTest.id, 'test-failover', 'failed'],
    ]);
    // The seeded history of passed tests is there too, and only Acme's.
    expect(items.some((o) => o.type === 'test-failover' && o.outcome === 'passed')).toBe(true);
    expect(items.every((o) => o.groupId.startsWith('grp_acme_'))).toBe(true);
  });

  it('filters by type, group, result and day', async () => {
    expect((await recoveryReport(db, ACME_USER, { type: 'failover' })).items.map((o) => o.id)).toEqual([failover.id]);
    const tests = (await recoveryReport(db, ACME_USER, { type: 'test-failover' })).items;
    expect(tests.length).toBeGreaterThan(1);
    expect(tests.every((o) => o.type === 'test-failover')).toBe(true);
    expect((await recoveryReport(db, ACME_USER, { result: 'failed' })).items.map((o) => o.id)).toEqual([failedTest.id]);
    const passed = (await recoveryReport(db, ACME_USER, { result: 'passed' })).items;
    expect(passed.map((o) => o.outcome)).toContain('completed');
    expect(passed.every((o) => o.outcome === 'passed' || o.outcome === 'completed')).toBe(true);
    expect((await recoveryReport(db, ACME_USER, { groupId: SQL, from: '2030-05-01', to: '2030-05-01' })).items.map((o) => o.id)).toEqual([failedTest.id]);
    expect((await recoveryReport(db, ACME_USER, { from: '2030-05-02' })).items).toEqual([]);
    // A filter form's "All" sends an empty value: no filter.
    expect((await recoveryReport(db, ACME_USER, { type: '', result: '', groupId: '', from: '', to: '' })).items.length).toBeGreaterThan(2);
  });

  it('gives data loss and RTO for the group and for each VM of the plan', async () => {
    const [item] = (await recoveryReport(db, ACME_USER, { type: 'failover' })).items;
    expect(item).toMatchObject({ groupName: 'Customer web tier', dataLossSeconds: 6, rtoTargetMinutes: 30, rtoMet: true });
    expect(item.rtoSeconds).toBeGreaterThan(60);
    expect(item.vms.map((v) => [v.name, v.bootGroup])).toEqual([
      ['acme-app-01', 'Application servers'],
      ['acme-app-02', 'Application servers'],
      ['acme-web-01', 'Web servers'],
      ['acme-web-02', 'Web servers'],
    ]);
    for (const vm of item.vms) {
      expect(vm.dataLossSeconds).toBe(6);
      expect(vm.rtoSeconds).toBeGreaterThan(0);
      expect(vm.rtoSeconds!).toBeLessThanOrEqual(item.rtoSeconds!);
      expect(Date.parse(vm.upAt!)).toBe(Date.parse(item.startedAt) + vm.rtoSeconds! * 1000);
    }
    // The web servers boot after the application servers and the plan's 60 s delay; the last VM up is the group's RTO.
    expect(Math.min(...item.vms.slice(2).map((v) => v.rtoSeconds!))).toBeGreaterThan(Math.max(...item.vms.slice(0, 2).map((v) => v.rtoSeconds!)) + 60);
    expect(Math.max(...item.vms.map((v) => v.rtoSeconds!))).toBe(item.rtoSeconds);
  });

  it('is tenant-scoped and validates its filters', async () => {
    expect((await recoveryReport(db, GLOBEX_ADMIN)).items.every((o) => o.groupId.startsWith('grp_globex_'))).toBe(true);
    expect((await recoveryReport(db, GLOBEX_ADMIN, { tenantId: 'ten_acme', type: 'failover' })).items).toEqual([]);
    expect((await recoveryReport(db, STAFF, { tenantId: 'ten_acme', type: 'failover' })).items.map((o) => o.id)).toEqual([failover.id]);
    await expect(recoveryReport(db, ACME_USER, { type: 'snapshot' })).rejects.toMatchObject({ status: 400 });
    await expect(recoveryReport(db, ACME_USER, { from: '2030-05-02', to: '2030-05-01' })).rejects.toMatchObject({ status: 400 });
    await expect(recoveryReport(db, ACME_USER, { to: '1 May' })).rejects.toMatchObject({ status: 400 });
  });
});

describe('recoveryOutcome', () => {
  it('reads a test by its recorded result and a live operation by its status', () => {
    expect(recoveryOutcome({ type: 'test-failover', status: 'completed', result: 'passed' })).toBe('passed');
    expect(recoveryOutcome({ type: 'test-failover', status: 'completed', result: 'failed' })).toBe('failed');
    expect(recoveryOutcome({ type: 'test-failover', status: 'failed', result: null })).toBe('failed');
    expect(recoveryOutcome({ type: 'test-failover', status: 'testing', result: null })).toBe('in-progress');
    expect(recoveryOutcome({ type: 'move', status: 'completed', result: null })).toBe('completed');
    expect(recoveryOutcome({ type: 'failover', status: 'rolled-back', result: null })).toBe('rolled-back');
  });
});
