/**
 * Decisions for a whole run: commit all, roll back all, stop all tests. Each group's decision
 * is its own operation's (lib/domain/operations), taken one by one so that a group whose site
 * refuses it does not hold the others back; the result lists what happened to each. Groups
 * still waiting for their tier are cancelled by a rollback or a stop, in one transaction first,
 * so the run cannot start them meanwhile.
 */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { recoveryRunGroups, recoveryRuns } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { ConflictError, DomainError, NotFoundError } from '@/lib/core/errors';
import { rollbackSchema } from '@/lib/schemas/operations';
import { stopRunTestsSchema } from '@/lib/schemas/recovery-runs';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { simClock } from '@/lib/domain/core/clock';
import { parseBody } from '@/lib/domain/core/input';
import { tenantFilter } from '@/lib/domain/core/scope';
import { commitOperation, rollbackOperation, stopTest } from '@/lib/domain/operations/operations';
import type { RunDto } from './run-dto';
import { findRun } from './run-read';
import { readRun } from './runs';
import { settleRun } from './run-driver';

export type RunDecisionDto = { run: RunDto; results: { groupId: string; groupName: string; ok: boolean; message: string }[] };

type Kind = 'commit' | 'rollback' | 'stop-test';
const WAITING_FOR: Record<Kind, 'awaiting-commit' | 'testing'> = { commit: 'awaiting-commit', rollback: 'awaiting-commit', 'stop-test': 'testing' };

async function decideAll(db: DB, actor: Actor, runId: string, kind: Kind, input: unknown): Promise<RunDecisionDto> {
  authorize(db, actor, 'operation:run', { type: 'recovery-run', id: runId });
  const run = findRun(db, runId, tenantFilter(recoveryRuns.tenantId, tenantScope(actor)));
  if (!run) throw new NotFoundError('recovery run', runId);
  const stop = kind === 'stop-test' ? parseBody(stopRunTestsSchema, input) : null;
  const rollback = kind === 'rollback' ? parseBody(rollbackSchema, input) : null;
  const test = run.type === 'test-failover';
  if (kind === 'stop-test' && !test) throw new ConflictError('Only a run of test failovers is stopped; commit or roll back a live run.');
  if (kind !== 'stop-test' && test) throw new ConflictError('A run of test failovers is stopped, not committed or rolled back.');
  const { nowMs } = await simClock();
  const before = readRun(db, runId, nowMs);
  // A rollback or a stop ends the run: groups whose tier has not come are not started any more.
  const cancelled = kind === 'commit' ? [] : before.groups.filter((g) => g.state === 'waiting');
  if (cancelled.length) {
    db.transaction((tx) => {
      tx.update(recoveryRunGroups).set({ state: 'cancelled', error: `Cancelled by ${kind === 'rollback' ? 'the rollback' : 'the stop'} of the run before its tier started` })
        .where(and(eq(recoveryRunGroups.runId, runId), eq(recoveryRunGroups.state, 'waiting'))).run();
    });
  }
  const results: RunDecisionDto['results'] = cancelled.map((g) => ({ groupId: g.groupId, groupName: g.groupName, ok: true, message: 'Not started: its tier had not come.' }));
  for (const g of before.groups) {
    if (g.state !== 'started' || !g.operationId) continue;
    if (g.operationStatus !== WAITING_FOR[kind]) {
      const why = g.operationStatus === 'pending' || g.operationStatus === 'running' ? 'still recovering: decide on it once its VMs are up' : `already ${g.operationStatus}`;
      results.push({ groupId: g.groupId, groupName: g.groupName, ok: false, message: `Skipped: ${why}.` });
      continue;
    }
    try {
      if (kind === 'commit') await commitOperation(db, actor, g.operationId);
      // Break-glass counts only where production is offline; elsewhere the operation ignores it.
      else if (kind === 'rollback') await rollbackOperation(db, actor, g.operationId, rollback);
      else await stopTest(db, actor, g.operationId, stop);
      results.push({ groupId: g.groupId, groupName: g.groupName, ok: true, message: kind === 'commit' ? 'Committing.' : kind === 'rollback' ? 'Rolling back.' : 'Stopping the test.' });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ groupId: g.groupId, groupName: g.groupName, ok: false, message: error.message });
    }
  }
  if (stop) db.update(recoveryRuns).set({ testResult: stop.result }).where(eq(recoveryRuns.id, runId)).run();
  audit(db, actor, {
    action: `recovery-run.${kind}`, tenantId: run.tenantId, targetType: 'recovery-run', targetId: runId, simulatedTime: nowMs,
    outcome: results.some((r) => r.ok) || !results.length ? 'success' : 'failed',
    details: { results: results.map((r) => ({ groupId: r.groupId, ok: r.ok, message: r.message })), ...(stop ? { result: stop.result, notes: stop.notes ?? null } : {}) },
  });
  settleRun(db, runId, nowMs);
  return { run: readRun(db, runId, nowMs), results };
}

/** Commits every group of the run awaiting its decision. */
export const commitRun = (db: DB, actor: Actor, runId: string) => decideAll(db, actor, runId, 'commit', {});
/**
 * Rolls back every group awaiting its decision and cancels the tiers not yet started. With
 * `{ breakGlass: true, reason }` the groups whose production is offline are rolled back too
 * (audited as break-glass on each operation), as a single group's rollback would be.
 */
export const rollbackRun = (db: DB, actor: Actor, runId: string, input: unknown = {}) => decideAll(db, actor, runId, 'rollback', input);
/** Stops every running test of the run with one result and note; cancels the tiers not yet started. */
export const stopRunTests = (db: DB, actor: Actor, runId: string, input: unknown) => decideAll(db, actor, runId, 'stop-test', input);
