/**
 * A crash while an operation holds a group: the restarted runtime must put the group back in
 * the operation's mode (testing, failing over, awaiting commit, failed over), whatever its last
 * engine snapshot said. The snapshot is written every few seconds; operations are written at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '@/db/client';
import { commitOperation, getOperation, startFailover as startFailoverGated, startTestFailover, stopTest } from '@/lib/domain/operations/operations';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { ACME_ADMIN } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { createSimulator, type Simulator } from '@/lib/sim/runtime';
import { startedOnly } from '@/lib/testing/started';

const startFailover = startedOnly(startFailoverGated);

const NOW = Date.UTC(2026, 4, 12, 9, 30, 0);
const WEB = 'grp_acme_web';

afterEach(() => setSimulatorForTests(undefined));

const statusOf = (db: DB, id = WEB) => db.$client.prepare('SELECT status FROM protection_groups WHERE id = ?').pluck().get(id) as string;

/** Replication running long enough for a journal; the last engine snapshot is written here. */
async function running() {
  const db = await seededTestDb(new Date(NOW));
  const sim = createSimulator(db, { startAtMs: NOW, seed: 7 });
  sim.advance(60);
  // What the operations driver does in the server: operations follow the simulator's ticks.
  sim.onTick((nowMs) => advanceOpenOperations(db, nowMs, sim));
  setSimulatorForTests(sim);
  return { db, sim };
}

/**
 * The operation moves on (its rows are written at once) but the process dies before the engine
 * snapshot follows: reopen the same file in a new runtime, as a restarted server does.
 */
function crashAndRestart(db: DB, sim: Simulator, seconds: number): { db: DB; sim: Simulator } {
  advanceOpenOperations(db, sim.now() + seconds * 1000, sim);
  const file = db.$client.name;
  db.$client.close();
  const db2 = openDatabase(file);
  const sim2 = createSimulator(db2, { catchUp: false });
  setSimulatorForTests(sim2);
  // The engine restored an older clock: bring it to where the operations are (no driver attached).
  sim2.advance(seconds + 1);
  return { db: db2, sim: sim2 };
}

describe('restart with an operation holding the group', () => {
  it('a test failover still shows testing, and can be stopped', async () => {
    const { db, sim } = await running();
    const op = await startTestFailover(db, ACME_ADMIN, WEB, {});
    const after = crashAndRestart(db, sim, 600);
    expect((await getOperation(after.db, ACME_ADMIN, op.id)).status).toBe('testing');
    expect(after.sim.engine.view(WEB).status).toBe('testing');
    expect(statusOf(after.db)).toBe('testing');
    await stopTest(after.db, ACME_ADMIN, op.id, { result: 'passed' });
    advanceOpenOperations(after.db, after.sim.now() + 60_000, after.sim);
    after.sim.advance(1);
    expect(statusOf(after.db)).toBe('meeting-sla');
  });

  it('a live failover awaiting its decision still awaits it, and the commit then applies', async () => {
    const { db, sim } = await running();
    const op = await startFailover(db, ACME_ADMIN, WEB, { commitPolicy: 'manual' });
    const after = crashAndRestart(db, sim, 900);
    expect((await getOperation(after.db, ACME_ADMIN, op.id)).status).toBe('awaiting-commit');
    expect(statusOf(after.db)).toBe('awaiting-commit');
    await commitOperation(after.db, ACME_ADMIN, op.id);
    advanceOpenOperations(after.db, after.sim.now() + 60_000, after.sim);
    after.sim.advance(1);
    expect(statusOf(after.db)).toBe('failed-over');
  });

  it('a failover still booting keeps replication stopped (failing over)', async () => {
    const { db, sim } = await running();
    await startFailover(db, ACME_ADMIN, WEB, {});
    const after = crashAndRestart(db, sim, 40);
    expect(statusOf(after.db)).toBe('failing-over');
    expect(after.sim.engine.view(WEB).rpoSeconds).toBeNull();
  });

  it('a group committed without reverse protection stays failed over; a stopped test does not come back', async () => {
    const { db, sim } = await running();
    const op = await startFailover(db, ACME_ADMIN, WEB, {});
    const test = await startTestFailover(db, ACME_ADMIN, 'grp_acme_sql', {});
    sim.advance(900); // the snapshot now says awaiting commit and testing
    await commitOperation(db, ACME_ADMIN, op.id);
    await stopTest(db, ACME_ADMIN, test.id, { result: 'passed' });
    const after = crashAndRestart(db, sim, 60);
    expect(statusOf(after.db)).toBe('failed-over');
    expect(statusOf(after.db, 'grp_acme_sql')).not.toBe('testing');
  });
});
