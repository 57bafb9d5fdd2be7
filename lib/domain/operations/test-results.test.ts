import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { checkpoints, protectionGroups } from '@/db/schema';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { ACME_ADMIN } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { summarise } from '@/lib/domain/reports/dashboard';
import { getGroup, listGroups } from '@/lib/domain/groups/groups';
import { getOperation, startTestFailover, stopTest } from './operations';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { isTestOverdue } from '@/lib/domain/reports/test-duty';

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web'; // seeded: last (passed) test 95 days ago
const SQL = 'grp_acme_sql'; // seeded: last (passed) test 410 days ago, overdue

let db: DB;
let sim: FakeSimulator;

const tick = (seconds: number) => {
  sim.nowMs += seconds * 1000;
  return advanceOpenOperations(db, sim.nowMs, sim);
};
const listed = async (id: string) => (await listGroups(db, ACME_ADMIN)).find((g) => g.id === id)!;

/** Runs a whole test failover on the group and stops it with `result`; returns the finished operation. */
async function runTest(groupId: string, result: 'passed' | 'failed') {
  const journal = writeJournal(db, groupId, sim.nowMs);
  const op = await startTestFailover(db, ACME_ADMIN, groupId, {});
  tick(900);
  await stopTest(db, ACME_ADMIN, op.id, { result, notes: result === 'failed' ? 'Database did not start' : undefined });
  tick(60);
  return { op: await getOperation(db, ACME_ADMIN, op.id), checkpointId: journal.latestId };
}

beforeEach(async () => {
  db = await seededTestDb(new Date(NOW));
  sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  db.update(protectionGroups).set({ rpoSeconds: 6 }).run();
});
afterAll(() => setSimulatorForTests(undefined));

describe('the result of a test failover', () => {
  it('a failed test shows as the last result, but lastTestedAt keeps the last passed test', async () => {
    const before = await listed(WEB);
    expect(before).toMatchObject({ lastTestResult: 'passed' });
    expect(before.lastTestEndedAt).not.toBeNull();

    const { op, checkpointId } = await runTest(WEB, 'failed');
    expect(op).toMatchObject({ status: 'completed', result: 'failed' });

    const after = await listed(WEB);
    expect(after).toMatchObject({ lastTestResult: 'failed', lastTestEndedAt: op.finishedAt, lastTestedAt: before.lastTestedAt });
    expect(await getGroup(db, ACME_ADMIN, WEB)).toMatchObject({ lastTestResult: 'failed', lastTestEndedAt: op.finishedAt, lastTestedAt: before.lastTestedAt });
    // The checkpoint is not passed off as a proven recovery point.
    expect(db.select().from(checkpoints).where(eq(checkpoints.id, checkpointId)).get()?.tag).toMatch(/^Test failed at 1 May 2030, 09:\d\d UTC$/);
  });

  it('a failed test leaves an overdue group overdue, on the dashboard too; a passed one clears it', async () => {
    expect(isTestOverdue((await listed(SQL)).lastTestedAt, sim.nowMs)).toBe(true);
    const overdue = async () => summarise(await listGroups(db, ACME_ADMIN), [], sim.nowMs).tests;
    const overdueBefore = (await overdue()).overdue;

    await runTest(SQL, 'failed');
    const failed = await listed(SQL);
    expect(failed.lastTestResult).toBe('failed');
    expect(isTestOverdue(failed.lastTestedAt, sim.nowMs)).toBe(true);
    const tests = await overdue();
    expect(tests.overdue).toBe(overdueBefore);
    expect(tests.failed).toBe(1);
    expect(db.select({ at: protectionGroups.lastTestedAt }).from(protectionGroups).where(eq(protectionGroups.id, SQL)).get()?.at?.getTime()).toBeLessThan(NOW - 400 * 86_400_000);

    const { op } = await runTest(SQL, 'passed');
    const passed = await listed(SQL);
    expect(passed).toMatchObject({ lastTestResult: 'passed', lastTestedAt: op.finishedAt, lastTestEndedAt: op.finishedAt });
    expect(isTestOverdue(passed.lastTestedAt, sim.nowMs)).toBe(false);
    expect((await overdue()).overdue).toBe(overdueBefore - 1);
  });

  it('a group never tested has no result', async () => {
    expect(await listed('grp_acme_file')).toMatchObject({ lastTestedAt: null, lastTestResult: null, lastTestEndedAt: null });
  });
});
