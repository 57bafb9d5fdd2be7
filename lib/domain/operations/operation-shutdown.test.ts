/**
 * Source shutdown of a live failover: graceful first, then a forced power-off of the guests
 * still running when the grace period ends; the step says which happened.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { ACME_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { getOperation, startFailover as startFailoverGated, startMove as startMoveGated } from './operations';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { startedOnly } from '@/lib/testing/started';

const startFailover = startedOnly(startFailoverGated);
const startMove = startedOnly(startMoveGated);

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const SQL = 'grp_acme_sql'; // acme-sql-01, acme-sql-02 and acme-dc-01: their guests take 44, 120 and 128 s to shut down

let db: DB;
let sim: FakeSimulator;

beforeEach(async () => {
  db = await seededTestDb(new Date(NOW));
  sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  writeJournal(db, SQL, NOW);
});
afterAll(() => setSimulatorForTests(undefined));

async function shutdownStep(opId: string) {
  sim.nowMs += 600_000;
  advanceOpenOperations(db, sim.nowMs, sim);
  const op = await getOperation(db, ACME_ADMIN, opId);
  return op.steps.find((s) => s.name === 'Shut down source VMs')!;
}
const seconds = (step: { startedAt: string | null; finishedAt: string | null }) => (Date.parse(step.finishedAt!) - Date.parse(step.startedAt!)) / 1000;

describe('source shutdown with a grace period', () => {
  it('by default waits up to 300 s: every guest here shuts down cleanly, in the time the slowest takes', async () => {
    const op = await startFailover(db, ACME_ADMIN, SQL, {});
    expect(op.steps[1].detail).toBe('Graceful shutdown of 3 VMs at London; any still running after 300 s is powered off');
    const step = await shutdownStep(op.id);
    expect(step).toMatchObject({ status: 'completed', detail: '3 VMs shut down gracefully at London in 128 s' });
    expect(seconds(step)).toBe(128);
  });

  it('forces off what is still running when a shorter grace period ends, and says which VMs', async () => {
    const op = await startFailover(db, STAFF, SQL, { shutdownGraceSeconds: 60 });
    const step = await shutdownStep(op.id);
    expect(step.detail).toBe('1 of 3 VMs shut down gracefully; forced off after the 60 s grace period: acme-dc-01, acme-sql-02');
    expect(seconds(step)).toBe(65);
  });

  it('applies to a move too, and refuses a grace period out of bounds (400 naming the field)', async () => {
    const move = await startMove(db, ACME_ADMIN, SQL, { shutdownGraceSeconds: '45' });
    expect(move.steps[1].detail).toContain('after 45 s');
    sim.nowMs += 3 * 3600_000;
    advanceOpenOperations(db, sim.nowMs, sim);
    for (const bad of [10, 5000, 'soon', 60.5]) {
      const err = await startFailover(db, ACME_ADMIN, 'grp_acme_web', { shutdownGraceSeconds: bad }).catch((e) => e);
      expect(err).toMatchObject({ status: 400, extra: { errors: [{ field: 'shutdownGraceSeconds' }] } });
    }
  });
});
