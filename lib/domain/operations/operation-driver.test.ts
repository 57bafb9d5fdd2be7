import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DB } from '@/db/client';
import { auditLog, groupMembers, operations, operationSteps, protectionGroups, sites, vms } from '@/db/schema';
import { getOperation, startFailover as startFailoverGated, startTestFailover } from '@/lib/domain/operations/operations';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { seededTestDb } from '@/lib/testing/db';
import { advanceOpenOperations, startOperationsDriver } from '@/lib/operations/driver';
import { ACME_ADMIN } from '@/lib/testing/actors';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { startedOnly } from '@/lib/testing/started';

const startFailover = startedOnly(startFailoverGated);

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web';
let stopDriver: (() => void) | undefined;

afterEach(() => {
  stopDriver?.();
  stopDriver = undefined;
  setSimulatorForTests(undefined);
  vi.restoreAllMocks();
});

/** A seeded database with the web tier's journal and a fake simulator at NOW. */
async function seeded() {
  const db = await seededTestDb(new Date(NOW));
  writeJournal(db, WEB, NOW);
  const sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  return { db, sim };
}
const siteDown = (db: DB, id: string) => db.update(sites).set({ status: 'offline' }).where(eq(sites.id, id)).run();

/** A database with an operation started and advanced part-way, then "the server stops". */
async function midOperation(start: (db: DB) => Promise<{ id: string }>) {
  const db = await seededTestDb(new Date(NOW));
  writeJournal(db, WEB, NOW);
  writeJournal(db, 'grp_acme_file', NOW);
  const sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  const op = await start(db);
  advanceOpenOperations(db, NOW + 50_000, sim); // boot group 1 running
  const file = db.$client.name;
  db.$client.close();
  return { file, opId: op.id };
}

describe('operations driver', () => {
  it('writes only when something changed', async () => {
    const db = await seededTestDb(new Date(NOW));
    writeJournal(db, WEB, NOW);
    const sim = new FakeSimulator(NOW);
    setSimulatorForTests(sim);
    await startTestFailover(db, ACME_ADMIN, WEB, {});
    expect(advanceOpenOperations(db, NOW + 1000, sim)).toEqual({ open: 1, changed: 0, failed: [] });
    expect(advanceOpenOperations(db, NOW + 20_000, sim)).toEqual({ open: 1, changed: 1, failed: [] });
    expect(advanceOpenOperations(db, NOW + 20_500, sim)).toMatchObject({ open: 1, changed: 0 });
  });

  it('resumes after a restart on the simulated clock, with the original timeline', async () => {
    const { file, opId } = await midOperation((db) => startFailover(db, ACME_ADMIN, WEB, { commitPolicy: 'auto-commit', commitTimeoutMinutes: 10 }));
    const db = openDatabase(file);
    const step = db.select().from(operationSteps).where(eq(operationSteps.operationId, opId)).all().find((s) => s.name.startsWith('Boot group 1'))!;
    expect(step.status).toBe('running');

    // The new process starts 20 simulated minutes later: the driver fast-forwards everything missed.
    const sim = new FakeSimulator(NOW + 20 * 60_000);
    setSimulatorForTests(sim);
    stopDriver = await startOperationsDriver({ db, sim });
    const op = await getOperation(db, ACME_ADMIN, opId);
    expect(op.status).toBe('completed');
    // Seed times: graceful shutdown 29 (the slowest guest, acme-app-01) + create 17 (4 VMs) + app group 81 + delay 60 + web group 58.
    expect(op.rtoSeconds).toBe(245);
    const commit = op.steps.find((s) => s.name === 'Commit')!;
    expect(Date.parse(commit.startedAt!)).toBe(NOW + (245 + 5 + 600) * 1000);
    expect(db.select().from(protectionGroups).where(eq(protectionGroups.id, WEB)).get()?.status).toBe('failed-over');
    expect(db.select().from(auditLog).all().map((a) => a.action)).toContain('operation.auto-commit');
  });

  it('keeps following ticks after the resume', async () => {
    const { file, opId } = await midOperation((db) => startTestFailover(db, ACME_ADMIN, WEB, {}));
    const db = openDatabase(file);
    const sim = new FakeSimulator(NOW + 60_000);
    setSimulatorForTests(sim);
    stopDriver = await startOperationsDriver({ db, sim });
    expect((await getOperation(db, ACME_ADMIN, opId)).status).toBe('running');
    sim.advance(300);
    expect((await getOperation(db, ACME_ADMIN, opId)).status).toBe('testing');
  });

  it('fails an operation it cannot resume, with the reason, and restores the group', async () => {
    const { file, opId } = await midOperation((db) => startFailover(db, ACME_ADMIN, WEB, {}));
    const db = openDatabase(file);
    // As if written by a version whose plan snapshot this one cannot read.
    db.update(operations).set({ options: { v: 0, legacy: true } }).where(eq(operations.id, opId)).run();
    const sim = new FakeSimulator(NOW + 60_000);
    setSimulatorForTests(sim);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    stopDriver = await startOperationsDriver({ db, sim });
    expect(log).toHaveBeenCalledWith('[cloudshield] operations driver: 1 open operation(s) resumed, 1 failed');
    const op = await getOperation(db, ACME_ADMIN, opId);
    expect(op).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Could not resume after a restart: its saved options are invalid/) });
    expect(op.steps.some((s) => s.status === 'running' || s.status === 'pending')).toBe(false);
    expect(db.select().from(protectionGroups).where(eq(protectionGroups.id, WEB)).get()?.status).toBe('meeting-sla');
    expect(sim.modes(WEB)).toEqual(['replicating']);
    expect(advanceOpenOperations(db, NOW + 120_000, sim)).toEqual({ open: 0, changed: 0, failed: [] });
  });

  it('fails on a tick an operation it cannot continue, and names it in the summary', async () => {
    const { db, sim } = await seeded();
    const op = await startFailover(db, ACME_ADMIN, WEB, {});
    db.update(operations).set({ options: { v: 0 } }).where(eq(operations.id, op.id)).run();
    expect(advanceOpenOperations(db, NOW + 1000, sim)).toEqual({ open: 1, changed: 1, failed: [op.id] });
    expect((await getOperation(db, ACME_ADMIN, op.id)).error).toMatch(/^Could not continue: its saved options are invalid/);
  });

  it('fails an operation when its recovery site goes down before the VMs are up, not when production does', async () => {
    const { db, sim } = await seeded();
    const op = await startFailover(db, ACME_ADMIN, WEB, {});
    siteDown(db, 'london');
    expect(advanceOpenOperations(db, NOW + 40_000, sim)).toEqual({ open: 1, changed: 1, failed: [] });
    siteDown(db, 'zurich');
    expect(advanceOpenOperations(db, NOW + 41_000, sim)).toEqual({ open: 1, changed: 1, failed: [op.id] });
    // London went down after its VMs were shut down: they cannot be started there, and stay off.
    expect((await getOperation(db, ACME_ADMIN, op.id)).error).toBe('Target site Zurich went offline before the VMs were up; London offline, its VMs could not be restarted');
    expect(sim.calls.some((c) => c.method === 'setGroupMode' && c.args[1] === 'replicating')).toBe(true);
    const group = db.select({ powerState: vms.powerState }).from(vms).innerJoin(groupMembers, eq(groupMembers.vmId, vms.id)).where(eq(groupMembers.groupId, WEB)).all();
    expect(group.length).toBeGreaterThan(0);
    expect(group.every((v) => v.powerState === 'off')).toBe(true);
  });

  it('starts once, says nothing when nothing was open, and stops following ticks when stopped', async () => {
    const { db, sim } = await seeded();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const stop = await startOperationsDriver({ db, sim });
    expect(log).not.toHaveBeenCalled();
    expect(await startOperationsDriver({ db, sim })).toBe(stop);
    const op = await startTestFailover(db, ACME_ADMIN, WEB, {});
    stop();
    sim.advance(300);
    expect((await getOperation(db, ACME_ADMIN, op.id)).status).toBe('running');
    // Started again: a new driver, which catches up at once.
    stopDriver = await startOperationsDriver({ db, sim });
    expect(stopDriver).not.toBe(stop);
    expect(log).toHaveBeenCalledWith('[cloudshield] operations driver: 1 open operation(s) resumed, 0 failed');
    expect((await getOperation(db, ACME_ADMIN, op.id)).status).toBe('testing');
  });

  it('logs a failed tick and carries on with the next', async () => {
    const { db, sim } = await seeded();
    const op = await startTestFailover(db, ACME_ADMIN, WEB, {});
    stopDriver = await startOperationsDriver({ db, sim });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    db.run(sql`ALTER TABLE operation_steps RENAME TO operation_steps_away`);
    expect(() => sim.advance(300)).not.toThrow();
    expect(errors).toHaveBeenCalledWith('[cloudshield] operations driver tick failed', expect.any(Error));
    db.run(sql`ALTER TABLE operation_steps_away RENAME TO operation_steps`);
    sim.advance(1);
    expect((await getOperation(db, ACME_ADMIN, op.id)).status).toBe('testing');
  });

  it('refuses to start without a running simulator', async () => {
    const db = await seededTestDb(new Date(NOW));
    setSimulatorForTests(null);
    await expect(startOperationsDriver({ db, sim: null as unknown as FakeSimulator })).rejects.toThrow(
      'startOperationsDriver: the simulator is not running; call startSimulator() first',
    );
  });

  it('carries on an operation whose steps were lost, from its start', async () => {
    const { db, sim } = await seeded();
    const op = await startTestFailover(db, ACME_ADMIN, WEB, {});
    db.delete(operationSteps).where(eq(operationSteps.operationId, op.id)).run();
    expect(advanceOpenOperations(db, NOW + 600_000, sim)).toEqual({ open: 1, changed: 1, failed: [] });
    expect((await getOperation(db, ACME_ADMIN, op.id)).status).toBe('testing');
  });

  it('follows the simulator it is given, and without arguments the server\'s database and simulator', async () => {
    const { db, sim } = await seeded();
    const op = await startTestFailover(db, ACME_ADMIN, WEB, {});
    setSimulatorForTests(null);
    const stop = await startOperationsDriver({ db, sim });
    stop();
    const server = globalThis as unknown as { __cloudshieldDb?: DB };
    const before = server.__cloudshieldDb;
    server.__cloudshieldDb = db;
    try {
      setSimulatorForTests(sim);
      stopDriver = await startOperationsDriver();
      sim.advance(300);
      expect((await getOperation(db, ACME_ADMIN, op.id)).status).toBe('testing');
    } finally {
      server.__cloudshieldDb = before;
    }
  });

  it('keeps the running driver when an earlier, stopped one is stopped again', async () => {
    const { db, sim } = await seeded();
    const first = await startOperationsDriver({ db, sim });
    first();
    stopDriver = await startOperationsDriver({ db, sim });
    first();
    expect(await startOperationsDriver({ db, sim })).toBe(stopDriver);
  });
});
