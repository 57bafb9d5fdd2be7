/**
 * Decisions that would leave nothing running: a commit while the recovery site is offline, a
 * rollback while production is offline. People get 409 naming the site (break-glass with a
 * reason for the rollback); the commit policy's timers hold and alert instead of acting.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { alerts, auditLog, sites, vms } from '@/db/schema';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { ACME_ADMIN, ACME_USER, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { commitOperation, getOperation, rollbackOperation, startFailover as startFailoverGated } from './operations';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { startedOnly } from '@/lib/testing/started';

const startFailover = startedOnly(startFailoverGated);

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web'; // London → Zurich
const REASON = 'London storage array lost; restoring from the DR runbook step 4 with the CIO on the bridge';

let db: DB;
let sim: FakeSimulator;

const tick = (seconds: number) => {
  sim.nowMs += seconds * 1000;
  return advanceOpenOperations(db, sim.nowMs, sim);
};
const siteDown = (id: string, down = true) => db.update(sites).set({ status: down ? 'offline' : 'online' }).where(eq(sites.id, id)).run();
const webVm = () => db.select().from(vms).where(eq(vms.id, 'vm_acme_web_01')).get()!;
const audits = (action: string) => db.select().from(auditLog).all().filter((a) => a.action === action);
const openHeld = () => db.select().from(alerts).where(and(eq(alerts.code, 'operation-held'), isNull(alerts.resolvedAt))).all();

/** A live failover of WEB, its VMs up at Zurich, waiting for a decision. */
async function awaiting(input: Record<string, unknown> = {}) {
  const op = await startFailover(db, ACME_ADMIN, WEB, input);
  tick(600);
  expect((await getOperation(db, ACME_ADMIN, op.id)).status).toBe('awaiting-commit');
  return op;
}

beforeEach(async () => {
  db = await seededTestDb(new Date(NOW));
  sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  writeJournal(db, WEB, NOW);
});
afterAll(() => setSimulatorForTests(undefined));

describe('commit while the recovery site is offline', () => {
  it('is refused with 409 naming the site, for the client admin and for staff; the user may not act at all', async () => {
    const op = await awaiting();
    siteDown('zurich');
    for (const actor of [ACME_ADMIN, STAFF]) {
      const err = await commitOperation(db, actor, op.id).catch((e) => e);
      expect(err).toMatchObject({ status: 409, extra: { check: 'target-site', siteId: 'zurich', siteName: 'Zurich', breakGlassAllowed: false } });
      expect(err.message).toContain('Recovery site Zurich is offline');
    }
    await expect(commitOperation(db, ACME_USER, op.id)).rejects.toMatchObject({ status: 403 });
    const still = await getOperation(db, ACME_ADMIN, op.id);
    expect(still.status).toBe('awaiting-commit');
    // The page reads the same rule: the commit button is disabled with this reason.
    expect(still.blocked).toEqual({ commit: expect.stringContaining('Recovery site Zurich is offline'), rollback: null, rollbackBreakGlass: false });
    expect(webVm().siteId).toBe('london');
    expect(audits('operation.commit').map((a) => [a.outcome, a.actorRole])).toEqual([['denied', 'client_admin'], ['denied', 'staff']]);

    // Rolling back is still possible (production is up), and so is the commit once Zurich is back.
    siteDown('zurich', false);
    await commitOperation(db, STAFF, op.id);
    tick(20);
    expect(webVm()).toMatchObject({ siteId: 'zurich', powerState: 'on' });
  });

  it('the auto-commit timer holds and alerts instead, then commits when the site is back', async () => {
    const op = await awaiting({ commitPolicy: 'auto-commit', commitTimeoutMinutes: 30 });
    siteDown('zurich');
    tick(1800);
    const held = await getOperation(db, ACME_ADMIN, op.id);
    expect(held).toMatchObject({ status: 'awaiting-commit', hold: { decision: 'commit', reason: expect.stringContaining('Zurich is offline') } });
    expect(held.steps.find((s) => s.name === 'Commit')?.detail).toMatch(/^Auto-commit held: Recovery site Zurich is offline/);
    expect(webVm().siteId).toBe('london');
    expect(openHeld()).toHaveLength(1);
    expect(audits('operation.auto-decision-held')).toMatchObject([{ actorId: 'system', outcome: 'denied' }]);
    tick(600);
    expect(audits('operation.auto-decision-held')).toHaveLength(1); // held once, not every tick

    siteDown('zurich', false);
    const backAt = sim.nowMs + 1000;
    tick(1);
    tick(30);
    const done = await getOperation(db, ACME_ADMIN, op.id);
    expect(done).toMatchObject({ status: 'completed', hold: null });
    expect(Date.parse(done.steps.find((s) => s.name === 'Commit')!.startedAt!)).toBe(backAt);
    expect(webVm().siteId).toBe('zurich');
    expect(openHeld()).toHaveLength(0);
  });
});

describe('rollback while production is offline', () => {
  it('is refused with 409 naming the site for the client admin and for staff; the user may not act at all', async () => {
    const op = await awaiting();
    siteDown('london');
    for (const actor of [ACME_ADMIN, STAFF]) {
      const err = await rollbackOperation(db, actor, op.id).catch((e) => e);
      expect(err).toMatchObject({ status: 409, extra: { check: 'source-site', siteId: 'london', siteName: 'London', breakGlassAllowed: true } });
      expect(err.message).toContain('the only running copy');
    }
    await expect(rollbackOperation(db, ACME_USER, op.id, { breakGlass: true, reason: REASON })).rejects.toMatchObject({ status: 403 });
    const still = await getOperation(db, ACME_USER, op.id);
    expect(still).toMatchObject({ status: 'awaiting-commit', blocked: { commit: null, rollback: expect.stringContaining('London is offline'), rollbackBreakGlass: true } });
    // Committing is what keeps the service running: allowed.
    await commitOperation(db, ACME_ADMIN, op.id);
  });

  it('break-glass needs a written reason of bounded length', async () => {
    const op = await awaiting();
    siteDown('london');
    for (const body of [{ breakGlass: true }, { breakGlass: true, reason: 'because' }, { breakGlass: true, reason: 'x'.repeat(501) }, { breakGlass: 'maybe', reason: REASON }]) {
      const err = await rollbackOperation(db, ACME_ADMIN, op.id, body).catch((e) => e);
      expect(err.status).toBe(400);
      expect(err.extra.errors[0].field).toBe('breakGlass' in body && body.breakGlass === 'maybe' ? 'breakGlass' : 'reason');
    }
    expect((await getOperation(db, ACME_ADMIN, op.id)).status).toBe('awaiting-commit');
  });

  it.each([['client admin', ACME_ADMIN], ['staff', STAFF]] as const)('break-glass by the %s rolls back, audited and shown with the reason', async (_, actor) => {
    const op = await awaiting();
    siteDown('london');
    const rolled = await rollbackOperation(db, actor, op.id, { breakGlass: true, reason: `  ${REASON}  ` });
    expect(rolled.breakGlass).toEqual({ reason: REASON, by: actor.email, siteOffline: 'London' });
    tick(30);
    const done = await getOperation(db, ACME_USER, op.id);
    expect(done.status).toBe('rolled-back');
    expect(done.steps.at(-1)).toMatchObject({ name: 'Roll back', status: 'completed', detail: expect.stringContaining(`Break-glass by ${actor.email}`) });
    expect(done.steps.at(-1)!.detail).toContain(REASON);
    // London is down: its VMs were shut down and cannot be restarted; nothing pretends otherwise.
    expect(webVm()).toMatchObject({ siteId: 'london', powerState: 'off' });
    expect(audits('operation.rollback')).toMatchObject([{ outcome: 'success', actorRole: actor.role, details: { breakGlass: true, reason: REASON, siteOffline: 'London' } }]);
  });

  it('with production online a rollback needs no break-glass and records none', async () => {
    const op = await awaiting();
    const rolled = await rollbackOperation(db, ACME_ADMIN, op.id, { breakGlass: true, reason: REASON });
    expect(rolled.breakGlass).toBeNull();
    tick(30);
    expect(webVm()).toMatchObject({ siteId: 'london', powerState: 'on' });
  });

  it('the auto-rollback timer holds and alerts instead; a person may then commit', async () => {
    const op = await awaiting({ commitPolicy: 'auto-rollback', commitTimeoutMinutes: 30 });
    siteDown('london');
    tick(1800);
    const held = await getOperation(db, ACME_ADMIN, op.id);
    expect(held).toMatchObject({ status: 'awaiting-commit', hold: { decision: 'rollback', reason: expect.stringContaining('London is offline') } });
    expect(openHeld()).toMatchObject([{ groupId: WEB, level: 'error', message: expect.stringContaining('auto-rollback policy is on hold') }]);
    await commitOperation(db, ACME_ADMIN, op.id);
    tick(30);
    expect((await getOperation(db, ACME_ADMIN, op.id)).status).toBe('completed');
    expect(webVm().siteId).toBe('zurich');
    expect(openHeld()).toHaveLength(0);
  });
});
