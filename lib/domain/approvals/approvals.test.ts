/**
 * Four-eyes approval (issue 17): the tenant's setting, requests instead of starts, who may
 * decide, expiry on the wall clock, re-validation on approval, break glass, racing decisions.
 */
import { and, eq, gte } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DB } from '@/db/client';
import { approvals, auditLog, checkpoints, operations, outboxDeliveries, outboxEvents, recoveryRuns } from '@/db/schema';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { ACME_ADMIN, ACME_ADMIN2, ACME_USER, GLOBEX_ADMIN, STAFF, STAFF_FOR_ACME } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { getOperation, startFailover, startMove, startTestFailover } from '@/lib/domain/operations/operations';
import { startRun } from '@/lib/domain/recovery/runs';
import { queueOutboxEvents } from '@/lib/domain/notifications/webhook-delivery';
import { isAwaitingApproval, type AwaitingApprovalDto } from './gate';
import { approveRequest, getApproval, listApprovals, rejectRequest } from './approvals';
import { getTenantSettings, updateTenantSettings } from './tenant-settings';

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web';
const SQL = 'grp_acme_sql';

afterEach(() => {
  setSimulatorForTests(undefined);
  vi.useRealTimers();
});

async function seeded({ approval = true } = {}) {
  const db = await seededTestDb(new Date(NOW));
  const journals = Object.fromEntries([WEB, SQL, 'grp_acme_file'].map((g) => [g, writeJournal(db, g, NOW)]));
  const sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  if (approval) updateTenantSettings(db, ACME_ADMIN, { liveFailoverApproval: true });
  return { db, sim, journals };
}

const newOps = (db: DB, groupId = WEB) => db.select().from(operations).where(and(eq(operations.groupId, groupId), gte(operations.startedAt, new Date(NOW)))).all();
const events = (db: DB, type: string) => db.select().from(outboxEvents).where(eq(outboxEvents.type, type as never)).all();
const recipients = (db: DB, eventId: string) => db.select({ r: outboxDeliveries.recipient }).from(outboxDeliveries).where(eq(outboxDeliveries.eventId, eventId)).all().map((d) => d.r).sort();
const audits = (db: DB, action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();

async function request(db: DB, actor = ACME_ADMIN, body: Record<string, unknown> = { reason: 'Planned DR exercise with the business' }): Promise<AwaitingApprovalDto> {
  const out = await startFailover(db, actor, WEB, body);
  if (!isAwaitingApproval(out)) throw new Error('expected a request awaiting approval');
  return out;
}

describe('the tenant setting', () => {
  it('is off by default, 30 minutes, no provider approval; everyone of the tenant reads it, staff name the tenant', async () => {
    const { db } = await seeded({ approval: false });
    const defaults = { tenantId: 'ten_acme', liveFailoverApproval: false, approvalTimeoutMinutes: 30, providerMayApprove: false };
    expect(getTenantSettings(db, ACME_USER)).toMatchObject(defaults);
    expect(getTenantSettings(db, STAFF, { tenantId: 'ten_acme' })).toMatchObject(defaults);
    expect(getTenantSettings(db, STAFF_FOR_ACME)).toMatchObject(defaults);
    expect(() => getTenantSettings(db, STAFF)).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => getTenantSettings(db, STAFF, { tenantId: 'ten_nope' })).toThrow(expect.objectContaining({ status: 404 }));
  });

  it('only a client administrator changes it, for their own tenant, validated and audited', async () => {
    const { db } = await seeded({ approval: false });
    expect(() => updateTenantSettings(db, ACME_USER, { liveFailoverApproval: true })).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => updateTenantSettings(db, STAFF_FOR_ACME, { liveFailoverApproval: true })).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => updateTenantSettings(db, ACME_ADMIN, { approvalTimeoutMinutes: 2 })).toThrow(expect.objectContaining({ status: 400, message: expect.stringContaining('approvalTimeoutMinutes') }));
    expect(() => updateTenantSettings(db, ACME_ADMIN, { liveFailoverApproval: 'yes' })).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => updateTenantSettings(db, ACME_ADMIN, {})).toThrow(expect.objectContaining({ status: 400 }));
    expect(getTenantSettings(db, ACME_ADMIN).liveFailoverApproval).toBe(false);
    expect(updateTenantSettings(db, ACME_ADMIN, { liveFailoverApproval: true, approvalTimeoutMinutes: 45 })).toMatchObject({ liveFailoverApproval: true, approvalTimeoutMinutes: 45 });
    expect(getTenantSettings(db, GLOBEX_ADMIN).liveFailoverApproval).toBe(false);
    expect(audits(db, 'tenant.settings').at(-1)).toMatchObject({ tenantId: 'ten_acme', details: { liveFailoverApproval: { from: false, to: true }, approvalTimeoutMinutes: { from: 30, to: 45 } } });
  });
});

describe('starting with the setting off or on', () => {
  it('off: a live failover starts at once', async () => {
    const { db } = await seeded({ approval: false });
    const out = await startFailover(db, ACME_ADMIN, WEB, {});
    expect(isAwaitingApproval(out)).toBe(false);
    expect(newOps(db)).toHaveLength(1);
  });

  it('on: a live failover waits for approval (nothing starts), audited, and the approvers are told', async () => {
    const { db } = await seeded();
    const out = await request(db);
    expect(out).toMatchObject({ status: 'awaiting-approval', approvalId: expect.stringMatching(/^apr_/) });
    expect(out.approval).toMatchObject({
      status: 'pending', kind: 'operation', type: 'failover', groups: [{ id: WEB, name: 'Customer web tier' }], requestedBy: 'admin@acme.test',
      checkpoint: { choice: 'latest' }, reason: 'Planned DR exercise with the business', mayDecide: false,
    });
    expect(new Date(out.approval.expiresAt).getTime() - new Date(out.approval.requestedAt).getTime()).toBe(30 * 60_000);
    expect(newOps(db)).toHaveLength(0);
    expect(audits(db, 'approval.request')).toHaveLength(1);
    const [event] = events(db, 'approval.requested');
    expect(event.payload).toMatchObject({ approvalId: out.approvalId, groupNames: ['Customer web tier'], requestedBy: 'admin@acme.test' });
    // The approvers are told; the requester, who knows, is not.
    expect(recipients(db, event.id)).toEqual(['admin2@acme.test']);
  });

  it('webhooks subscribed to approval.requested carry the request', async () => {
    const { db } = await seeded();
    db.$client.prepare("INSERT INTO webhook_endpoints (id, tenant_id, url, events, secret, enabled, created_by, created_at) VALUES ('whe_apr', 'ten_acme', 'https://hooks.example.com/in', '[\"approval.requested\"]', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 1, 'usr_admin_acme', ?)").run(Date.now());
    queueOutboxEvents(db, Date.now());
    const { approvalId } = await request(db);
    queueOutboxEvents(db, Date.now());
    const rows = db.$client.prepare("SELECT event_type, payload FROM webhook_deliveries WHERE endpoint_id = 'whe_apr'").all() as { event_type: string; payload: string }[];
    expect(rows.map((r) => r.event_type)).toEqual(['approval.requested']);
    expect(JSON.parse(rows[0].payload)).toMatchObject({ type: 'approval.requested', data: { approvalId, groupNames: ['Customer web tier'], requestedBy: 'admin@acme.test' } });
  });

  it('on: a move waits too; a test failover never does', async () => {
    const { db } = await seeded();
    expect(isAwaitingApproval(await startMove(db, ACME_ADMIN, SQL, {}))).toBe(true);
    const test = await startTestFailover(db, ACME_ADMIN, WEB, {});
    expect(test.type).toBe('test-failover');
    expect(db.select().from(approvals).all()).toHaveLength(1);
  });

  it('a request that would fail its pre-flight is refused at once, not sent for approval', async () => {
    const { db } = await seeded();
    await startTestFailover(db, ACME_ADMIN, WEB, {});
    await expect(startFailover(db, ACME_ADMIN, WEB, {})).rejects.toMatchObject({ status: 409 });
    expect(db.select().from(approvals).all()).toHaveLength(0);
  });

  it('a recovery run of live failovers waits; a run of tests does not', async () => {
    const { db } = await seeded();
    const run = await startRun(db, ACME_ADMIN, { type: 'failover', groupIds: [WEB, SQL], reason: 'Quarterly exercise' });
    expect(run).toMatchObject({ status: 'awaiting-approval', approval: { kind: 'run', type: 'failover', groups: [{ id: WEB }, { id: SQL }], reason: 'Quarterly exercise' } });
    expect(db.select().from(recoveryRuns).all().filter((r) => r.startedAt.getTime() >= NOW)).toHaveLength(0);
    const test = await startRun(db, ACME_ADMIN, { type: 'test-failover', groupIds: ['grp_acme_file'] });
    expect(isAwaitingApproval(test)).toBe(false);
  });
});

describe('deciding', () => {
  it('another administrator approves: the operation starts as the requester asked, with the approver recorded', async () => {
    const { db, journals } = await seeded();
    const { approvalId } = await request(db, ACME_ADMIN, { checkpointId: journals[WEB].appId, commitPolicy: 'auto-rollback', commitTimeoutMinutes: 15, reason: 'Exercise' });
    const decided = await approveRequest(db, ACME_ADMIN2, approvalId, { comment: 'Agreed with the CIO' });
    expect(decided).toMatchObject({ status: 'approved', decidedBy: 'admin2@acme.test', comment: 'Agreed with the CIO', operationId: expect.stringMatching(/^op_/) });
    const op = db.select().from(operations).where(eq(operations.id, decided.operationId!)).get()!;
    expect(op).toMatchObject({ type: 'failover', startedByEmail: 'admin@acme.test', checkpointId: journals[WEB].appId, approvalId, approvedByEmail: 'admin2@acme.test', breakGlassReason: null });
    expect(op.options).toMatchObject({ commitPolicy: 'auto-rollback', commitTimeoutMinutes: 15 });
    expect(await getOperation(db, ACME_USER, op.id)).toMatchObject({ approvedBy: 'admin2@acme.test', breakGlassReason: null });
    expect(audits(db, 'operation.start').at(-1)).toMatchObject({ actorEmail: 'admin@acme.test', details: { approvalId, approvedBy: 'admin2@acme.test' } });
    expect(audits(db, 'approval.approve')).toMatchObject([{ actorEmail: 'admin2@acme.test', outcome: 'success' }]);
    expect(events(db, 'approval.decided')[0].payload).toMatchObject({ decision: 'approved', operationId: op.id });
    // Decided once: a second decision is a conflict.
    await expect(rejectRequest(db, ACME_ADMIN2, approvalId)).rejects.toMatchObject({ status: 409 });
  });

  it('a rejection starts nothing and says so', async () => {
    const { db } = await seeded();
    const { approvalId } = await request(db);
    expect(await rejectRequest(db, ACME_ADMIN2, approvalId, { comment: 'Not during quarter end' })).toMatchObject({ status: 'rejected', operationId: null });
    expect(newOps(db)).toHaveLength(0);
    await expect(approveRequest(db, ACME_ADMIN2, approvalId)).rejects.toMatchObject({ status: 409 });
  });

  it('the requester cannot approve their own (403, audited as denied); a user may not decide (403)', async () => {
    const { db } = await seeded();
    const { approvalId } = await request(db);
    await expect(approveRequest(db, ACME_ADMIN, approvalId)).rejects.toMatchObject({ status: 403 });
    await expect(rejectRequest(db, ACME_ADMIN, approvalId)).rejects.toMatchObject({ status: 403 });
    await expect(approveRequest(db, ACME_USER, approvalId)).rejects.toMatchObject({ status: 403 });
    expect(audits(db, 'approval.approve').map((a) => a.outcome)).toEqual(['denied']);
    expect(getApproval(db, ACME_ADMIN2, approvalId)).toMatchObject({ status: 'pending', mayDecide: true });
    expect(getApproval(db, ACME_USER, approvalId).mayDecide).toBe(false);
  });

  it('another tenant sees nothing of it: 404 to read or decide, absent from its list', async () => {
    const { db } = await seeded();
    const { approvalId } = await request(db);
    expect(() => getApproval(db, GLOBEX_ADMIN, approvalId)).toThrow(expect.objectContaining({ status: 404 }));
    await expect(approveRequest(db, GLOBEX_ADMIN, approvalId)).rejects.toMatchObject({ status: 404 });
    expect(listApprovals(db, GLOBEX_ADMIN).items).toEqual([]);
    expect(listApprovals(db, ACME_USER).items.map((a) => a.id)).toEqual([approvalId]);
  });

  it('bad input is refused before anything changes', async () => {
    const { db } = await seeded();
    const { approvalId } = await request(db);
    await expect(approveRequest(db, ACME_ADMIN2, approvalId, { comment: 42 })).rejects.toMatchObject({ status: 400 });
    expect(() => listApprovals(db, ACME_ADMIN, { status: 'maybe' })).toThrow(expect.objectContaining({ status: 400 }));
    expect(getApproval(db, ACME_ADMIN2, approvalId).status).toBe('pending');
  });

  it('expires after the tenant\'s timeout on the wall clock: then it cannot be approved (409)', async () => {
    const { db } = await seeded();
    updateTenantSettings(db, ACME_ADMIN, { approvalTimeoutMinutes: 10 });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-01-01T10:00:00Z'));
    const { approvalId } = await request(db);
    vi.setSystemTime(new Date('2031-01-01T10:09:59Z'));
    expect(getApproval(db, ACME_ADMIN2, approvalId).status).toBe('pending');
    vi.setSystemTime(new Date('2031-01-01T10:10:00Z'));
    await expect(approveRequest(db, ACME_ADMIN2, approvalId)).rejects.toMatchObject({ status: 409, message: expect.stringContaining('expired') });
    expect(getApproval(db, ACME_ADMIN2, approvalId)).toMatchObject({ status: 'expired', mayDecide: false });
    expect(newOps(db)).toHaveLength(0);
  });

  it('is checked again when approved: a checkpoint gone from the journal leaves it approved-but-failed, with why', async () => {
    const { db, journals } = await seeded();
    const { approvalId } = await request(db, ACME_ADMIN, { checkpointId: journals[WEB].taggedId });
    db.delete(checkpoints).where(eq(checkpoints.id, journals[WEB].taggedId)).run();
    const decided = await approveRequest(db, ACME_ADMIN2, approvalId);
    expect(decided).toMatchObject({ status: 'approved-failed', operationId: null, error: expect.stringContaining('not in this group\'s journal') });
    expect(newOps(db)).toHaveLength(0);
    expect(audits(db, 'approval.approve')).toMatchObject([{ outcome: 'failed' }]);
    expect(events(db, 'approval.decided')[0].payload).toMatchObject({ decision: 'approved-failed' });
  });

  it('racing approvals: exactly one decision wins', async () => {
    const { db } = await seeded();
    const { approvalId } = await request(db);
    const results = await Promise.allSettled([
      approveRequest(db, ACME_ADMIN2, approvalId, { comment: 'first' }),
      rejectRequest(db, ACME_ADMIN2, approvalId, { comment: 'second' }),
      approveRequest(db, ACME_ADMIN2, approvalId, { comment: 'third' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.status)).toEqual([409, 409]);
    expect(newOps(db)).toHaveLength(1);
    expect(audits(db, 'approval.approve').filter((a) => a.outcome === 'success')).toHaveLength(1);
    expect(events(db, 'approval.decided')).toHaveLength(1);
  });

  it('a run, once approved, starts with the approver on the run and its operations', async () => {
    const { db } = await seeded();
    const out = await startRun(db, ACME_ADMIN, { type: 'failover', groupIds: [WEB, SQL] });
    if (!isAwaitingApproval(out)) throw new Error('expected a request');
    const decided = await approveRequest(db, ACME_ADMIN2, out.approvalId);
    expect(decided).toMatchObject({ status: 'approved', runId: expect.stringMatching(/^run_/) });
    expect(db.select().from(recoveryRuns).where(eq(recoveryRuns.id, decided.runId!)).get()).toMatchObject({ startedByEmail: 'admin@acme.test', approvedByEmail: 'admin2@acme.test', approvalId: out.approvalId });
    expect([...newOps(db, WEB), ...newOps(db, SQL)].map((o) => o.approvedByEmail)).toEqual(['admin2@acme.test', 'admin2@acme.test']);
  });
});

describe('staff', () => {
  it('acting for the tenant, staff are requesters; they approve only where the tenant allows provider approval', async () => {
    const { db } = await seeded();
    const { approvalId } = await request(db, STAFF_FOR_ACME);
    expect(getApproval(db, ACME_ADMIN, approvalId)).toMatchObject({ requestedBy: 'staff@calligo.test', requestedByStaff: true, mayDecide: true });
    // One waiting request per group.
    await expect(startFailover(db, ACME_ADMIN, WEB, {})).rejects.toMatchObject({ status: 409, message: expect.stringContaining('already waits for approval') });
    const admins = await startMove(db, ACME_ADMIN, SQL, {});
    if (!isAwaitingApproval(admins)) throw new Error('expected a request');
    await expect(approveRequest(db, STAFF_FOR_ACME, admins.approvalId)).rejects.toMatchObject({ status: 403 });
    updateTenantSettings(db, ACME_ADMIN, { providerMayApprove: true });
    expect(await approveRequest(db, STAFF, admins.approvalId)).toMatchObject({ status: 'approved', decidedBy: 'staff@calligo.test' });
    // Staff still cannot approve their own.
    await expect(approveRequest(db, STAFF, approvalId)).rejects.toMatchObject({ status: 403 });
    // A client admin approves the staff request: it starts as the staff member acting for Acme.
    const decided = await approveRequest(db, ACME_ADMIN, approvalId);
    expect(db.select().from(operations).where(eq(operations.id, decided.operationId!)).get()).toMatchObject({ startedByEmail: 'staff@calligo.test', actingAsStaff: true, approvedByEmail: 'admin@acme.test' });
  });
});

describe('break glass', () => {
  it('starts without approval, marked on the operation and in the audit, and the administrators are told', async () => {
    const { db } = await seeded();
    await expect(startFailover(db, ACME_ADMIN, WEB, { breakGlass: true })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('reason') });
    const op = await startFailover(db, ACME_ADMIN, WEB, { breakGlass: true, reason: 'London is on fire and Marcus is on a plane' });
    if (isAwaitingApproval(op)) throw new Error('expected a start');
    expect(op).toMatchObject({ breakGlassReason: 'London is on fire and Marcus is on a plane', approvedBy: null });
    expect(db.select().from(approvals).all()).toHaveLength(0);
    expect(audits(db, 'operation.start').at(-1)?.details).toMatchObject({ breakGlass: true });
    expect(audits(db, 'approval.break-glass')).toMatchObject([{ actorEmail: 'admin@acme.test', targetId: op.id, details: { reason: 'London is on fire and Marcus is on a plane' } }]);
    const [event] = events(db, 'approval.break-glass');
    expect(event.payload).toMatchObject({ operationId: op.id, startedBy: 'admin@acme.test' });
    expect(recipients(db, event.id)).toContain('admin2@acme.test');
    // Every other administrator: the one who broke the glass is not told of it.
    expect(recipients(db, event.id)).not.toContain('admin@acme.test');
    // The payload goes to webhooks as it is: no internal user ids in it.
    expect(JSON.stringify(event.payload)).not.toContain(ACME_ADMIN.userId);
  });

  it('with the setting off there is nothing to break: an ordinary start, unmarked', async () => {
    const { db } = await seeded({ approval: false });
    const op = await startFailover(db, ACME_ADMIN, WEB, { breakGlass: true, reason: 'Nobody else is around today' });
    if (isAwaitingApproval(op)) throw new Error('expected a start');
    expect(op.breakGlassReason).toBeNull();
    expect(events(db, 'approval.break-glass')).toHaveLength(0);
  });

  it('a run with break glass carries it on the run and each operation', async () => {
    const { db } = await seeded();
    const run = await startRun(db, ACME_ADMIN, { type: 'failover', groupIds: [WEB], breakGlass: true, reason: 'Site lost, approver unreachable' });
    if (isAwaitingApproval(run)) throw new Error('expected a start');
    expect(db.select().from(recoveryRuns).where(eq(recoveryRuns.id, run.id)).get()?.breakGlassReason).toBe('Site lost, approver unreachable');
    expect(newOps(db)[0].breakGlassReason).toBe('Site lost, approver unreachable');
    expect(events(db, 'approval.break-glass')[0].payload).toMatchObject({ runId: run.id });
  });
});
