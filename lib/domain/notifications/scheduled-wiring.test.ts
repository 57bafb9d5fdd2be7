/**
 * The events nobody's single action causes (issue 16): a recovery run waiting for its decision,
 * the annual test falling due or overdue, maintenance tomorrow, a webhook endpoint disabled.
 * Each is told once: not again on the next pass, nor when the check runs again as after a
 * restart (everything it needs is read from the database).
 */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db/client';
import { maintenanceWindows, notificationMarks, outboxDeliveries, outboxEvents, protectionGroups, tenants, webhookEndpoints } from '@/db/schema';
import { commitRun } from '@/lib/domain/recovery/run-decisions';
import { advanceRecoveryRuns } from '@/lib/domain/recovery/run-driver';
import { startRun as startRunOrAsk } from '@/lib/domain/recovery/runs';
import { startFailover } from '@/lib/domain/operations/operations';
import { createMaintenance } from '@/lib/domain/staff/maintenance';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { alertNotifications } from '@/lib/sim/alert-notifications';
import { WEBHOOK_EVENT_TYPES } from '@/lib/schemas/webhooks';
import { ACME_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { startedOnly } from '@/lib/testing/started';
import { sites } from '@/db/schema';
import { newId } from '@/lib/ids';
import { checkMaintenanceTomorrow, checkTestDuty, runScheduledChecks, startScheduledChecks, testDuty } from './scheduled-checks';
import { deliverDueWebhooks, enqueueWebhook } from './webhook-delivery';
import { createWebhook } from './webhooks';

const startRun = startedOnly(startRunOrAsk);

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const DAY = 86_400_000;
const WEB = 'grp_acme_web';

afterEach(() => {
  setSimulatorForTests(undefined);
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
});

async function seeded() {
  const db = await seededTestDb(new Date(NOW));
  for (const g of [WEB, 'grp_acme_sql', 'grp_acme_file']) writeJournal(db, g, NOW);
  const sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  return { db, sim };
}

function events(db: DB) {
  return db.select().from(outboxEvents).orderBy(outboxEvents.createdAt).all().map((e) => ({
    ...e,
    to: db.select({ r: outboxDeliveries.recipient }).from(outboxDeliveries).where(eq(outboxDeliveries.eventId, e.id)).all().map((d) => d.r).sort(),
  }));
}
const ofType = (db: DB, type: string) => events(db).filter((e) => e.type === type);

describe('run.awaiting-decision', () => {
  it('is recorded once per run when every live group waits for its decision, with the time left in the commit window', async () => {
    const { db, sim } = await seeded();
    db.update(sites).set({ status: 'offline' }).where(eq(sites.id, 'london')).run();
    const run = await startRun(db, ACME_ADMIN, { type: 'failover', sourceSiteId: 'london', reason: 'London power loss', commitPolicy: 'auto-commit', commitTimeoutMinutes: 30 });
    const tick = (s: number) => { sim.nowMs = NOW + s * 1000; advanceOpenOperations(db, sim.nowMs, sim); advanceRecoveryRuns(db, sim.nowMs, sim); };
    let firstAt = -1;
    for (let s = 10; s <= 900; s += 10) {
      tick(s);
      if (firstAt < 0 && ofType(db, 'run.awaiting-decision').length) firstAt = s;
    }
    expect(firstAt).toBeGreaterThan(0);
    const awaiting = ofType(db, 'run.awaiting-decision');
    expect(awaiting).toHaveLength(1); // not once per tick
    const [e] = awaiting;
    expect(e).toMatchObject({ tenantId: 'ten_acme', payload: { runId: run.id, runType: 'failover' }, occurredAt: new Date(NOW + firstAt * 1000) });
    expect(e.to).toEqual(['admin2@acme.test', 'admin@acme.test']);
    expect(String(e.payload.summary)).toMatch(/is awaiting a decision: \d+ group\(s\) to commit or roll back\. Time left to decide: \d+ m/);
    expect(e.payload.commitTimeLeftSeconds).toBeGreaterThan(0);
    expect(e.payload.commitTimeLeftSeconds).toBeLessThanOrEqual(30 * 60);
    expect(Date.parse(String(e.payload.commitDeadline))).toBe(NOW + firstAt * 1000 + Number(e.payload.commitTimeLeftSeconds) * 1000);
    // Every group's own operation says its time left too.
    const opAwaiting = ofType(db, 'operation.awaiting-decision');
    expect(opAwaiting.length).toBeGreaterThan(0);
    for (const o of opAwaiting) {
      expect(String(o.payload.summary)).toMatch(/Time left to decide: 30 m; then the auto-commit policy commits \(at .* UTC\)\.$/);
      expect(o.payload).toMatchObject({ commitPolicy: 'auto-commit', commitTimeLeftSeconds: 1800 });
    }
    // Not while one group still ran: only once the last of them waited too.
    const opTimes = opAwaiting.map((o) => o.occurredAt.getTime());
    expect(opAwaiting).toHaveLength(2);
    expect(Math.min(...opTimes)).toBeLessThan(Math.max(...opTimes) - 60_000);
    expect(e.occurredAt.getTime()).toBeGreaterThanOrEqual(Math.max(...opTimes));
    expect(e.occurredAt.getTime()).toBeLessThan(Math.max(...opTimes) + 10_000);
    // A restart: the driver reads the run again and finds it told.
    advanceRecoveryRuns(db, sim.nowMs, sim);
    expect(ofType(db, 'run.awaiting-decision')).toHaveLength(1);
    await commitRun(db, ACME_ADMIN, run.id);
    for (let s = 910; s <= 1200; s += 10) tick(s);
    expect(ofType(db, 'run.awaiting-decision')).toHaveLength(1);
    expect(ofType(db, 'run.finished')).toHaveLength(1);
  });

  it('under the manual policy says there is no deadline; a single operation says so too', async () => {
    const { db, sim } = await seeded();
    db.update(sites).set({ status: 'offline' }).where(eq(sites.id, 'london')).run();
    await startRun(db, ACME_ADMIN, { type: 'failover', sourceSiteId: 'london' });
    for (let s = 10; s <= 900; s += 10) { sim.nowMs = NOW + s * 1000; advanceOpenOperations(db, sim.nowMs, sim); advanceRecoveryRuns(db, sim.nowMs, sim); }
    const [e] = ofType(db, 'run.awaiting-decision');
    expect(e.payload).toMatchObject({ commitDeadline: null, commitTimeLeftSeconds: null });
    expect(String(e.payload.summary)).toMatch(/No deadline: the manual policy waits for a person to decide\.$/);
    for (const o of ofType(db, 'operation.awaiting-decision')) expect(String(o.payload.summary)).toMatch(/\(manual policy\)\. No deadline/);
  });

  it('a single operation (no run) records its own event only, for its own tenant\'s people', async () => {
    const { db, sim } = await seeded();
    await startFailover(db, ACME_ADMIN, WEB, { commitPolicy: 'manual' });
    for (let t = 10; t <= 400; t += 10) advanceOpenOperations(db, NOW + t * 1000, sim);
    // A single operation (no run) records its own event only.
    expect(ofType(db, 'run.awaiting-decision')).toEqual([]);
    const op = ofType(db, 'operation.awaiting-decision');
    expect(op).toHaveLength(1);
    expect(op[0].to.some((r) => r.endsWith('@globex.test'))).toBe(false);
  });
});

describe('test.due-soon and test.overdue', () => {
  it('testDuty: overdue when never tested or past the year, due soon in its last 30 days', () => {
    const last = NOW - 100 * DAY;
    expect(testDuty(null, NOW)).toEqual({ state: 'overdue', dueAtMs: null, period: 'never' });
    expect(testDuty(last, NOW).state).toBe('ok');
    expect(testDuty(last, last + 335 * DAY - 1).state).toBe('ok');
    expect(testDuty(last, last + 335 * DAY).state).toBe('due-soon');
    expect(testDuty(last, last + 365 * DAY).state).toBe('due-soon');
    expect(testDuty(last, last + 365 * DAY + 1)).toEqual({ state: 'overdue', dueAtMs: last + 365 * DAY, period: new Date(last + 365 * DAY).toISOString() });
  });

  it('tells each group once per due date, to its own tenant\'s people, and again only after a new test', async () => {
    const { db } = await seeded();
    // The seed: Policy database last passed 410 days ago, File and backup and Analytics never.
    checkTestDuty(db, NOW);
    const overdue = ofType(db, 'test.overdue');
    expect(overdue.map((e) => e.payload.groupId).sort()).toEqual(['grp_acme_file', 'grp_acme_sql', 'grp_globex_analytics']);
    const sql = overdue.find((e) => e.payload.groupId === 'grp_acme_sql')!;
    expect(sql).toMatchObject({ tenantId: 'ten_acme', occurredAt: new Date(NOW) });
    expect(String(sql.payload.summary)).toMatch(/^Policy database has not passed a test failover since .*: the annual test was due on /);
    expect(sql.to).toEqual(['admin2@acme.test', 'admin@acme.test', 'user@acme.test']);
    const globex = overdue.find((e) => e.payload.groupId === 'grp_globex_analytics')!;
    expect(globex.to.every((r) => r.endsWith('@globex.test'))).toBe(true);
    expect(String(overdue.find((e) => e.payload.groupId === 'grp_acme_file')!.payload.summary)).toMatch(/has never passed a test failover/);

    // The next pass, and a pass as after a restart: nothing new.
    checkTestDuty(db, NOW + 60_000);
    runScheduledChecks(db, NOW + 120_000);
    expect(ofType(db, 'test.overdue')).toHaveLength(3);

    // Customer web tier passed 95 days ago: due in 270 days, so due soon from day 240.
    checkTestDuty(db, NOW + 239 * DAY);
    expect(ofType(db, 'test.due-soon')).toEqual([]);
    checkTestDuty(db, NOW + 241 * DAY);
    checkTestDuty(db, NOW + 242 * DAY);
    const soon = ofType(db, 'test.due-soon').filter((e) => e.payload.groupId === WEB);
    expect(soon).toHaveLength(1);
    expect(String(soon[0].payload.summary)).toMatch(/^The annual test failover of Customer web tier is due by .* \(in 29 d\)/);
    expect(soon[0].to).toEqual(['admin2@acme.test', 'admin@acme.test']); // due soon: the administrators
    checkTestDuty(db, NOW + 271 * DAY);
    expect(ofType(db, 'test.overdue').filter((e) => e.payload.groupId === WEB)).toHaveLength(1);
    checkTestDuty(db, NOW + 280 * DAY);
    expect(ofType(db, 'test.overdue').filter((e) => e.payload.groupId === WEB)).toHaveLength(1);

    // A passed test starts a new period: due soon again 335 days later, told again.
    db.update(protectionGroups).set({ lastTestedAt: new Date(NOW + 281 * DAY) }).where(eq(protectionGroups.id, WEB)).run();
    checkTestDuty(db, NOW + 282 * DAY);
    expect(ofType(db, 'test.due-soon').filter((e) => e.payload.groupId === WEB)).toHaveLength(1);
    checkTestDuty(db, NOW + (281 + 340) * DAY);
    expect(ofType(db, 'test.due-soon').filter((e) => e.payload.groupId === WEB)).toHaveLength(2);
    expect(db.select().from(notificationMarks).where(eq(notificationMarks.subjectId, WEB)).all()).toHaveLength(3);
  });

  it('a suspended tenant\'s groups are not told', async () => {
    const { db } = await seeded();
    db.update(tenants).set({ status: 'suspended' }).where(eq(tenants.id, 'ten_globex')).run();
    checkTestDuty(db, NOW);
    expect(ofType(db, 'test.overdue').map((e) => e.tenantId)).toEqual(['ten_acme', 'ten_acme']);
  });

  it('the engine\'s test-overdue alert no longer mails (the scheduled check does, once per due date)', () => {
    const raised = alertNotifications([{ op: 'raise', key: 'test-overdue:g', atMs: NOW, info: { code: 'test-overdue', groupId: 'g', tenantId: 't', message: 'm' } } as never], NOW);
    expect(raised).toEqual([]);
  });
});

describe('maintenance.tomorrow', () => {
  it('a day before a window announced earlier: staff and the tenants at its site, once', async () => {
    const { db } = await seeded();
    const start = NOW + 3 * DAY;
    const w = await createMaintenance(db, STAFF, { siteId: 'london', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 4 * 3_600_000).toISOString(), description: 'Storage firmware' }, new Date(NOW));
    checkMaintenanceTomorrow(db, start - DAY - 60_000);
    expect(ofType(db, 'maintenance.tomorrow')).toEqual([]);
    checkMaintenanceTomorrow(db, start - DAY + 60_000);
    const tomorrow = ofType(db, 'maintenance.tomorrow');
    const announced = ofType(db, 'maintenance.announced');
    // The same audience as the announcement: the provider's event for staff, one per tenant at the site.
    expect(tomorrow.map((e) => e.tenantId).sort()).toEqual(announced.map((e) => e.tenantId).sort());
    expect(tomorrow.find((e) => e.tenantId === null)!.to).toEqual(['staff@calligo.test']);
    const acme = tomorrow.find((e) => e.tenantId === 'ten_acme')!;
    expect(acme.to).toEqual(['admin2@acme.test', 'admin@acme.test']);
    expect(acme.payload).toMatchObject({ maintenanceId: w.id });
    expect(String(acme.payload.summary)).toMatch(/^Maintenance at London starts tomorrow, .*: Storage firmware$/);
    for (const e of tomorrow) expect(e.to.filter((r) => r !== 'staff@calligo.test' && !r.endsWith(`@${e.tenantId === 'ten_acme' ? 'acme' : 'globex'}.test`))).toEqual([]);
    // Again on the next pass, and after a restart: nothing new; nor once it started.
    checkMaintenanceTomorrow(db, start - DAY + 120_000);
    runScheduledChecks(db, start - 60_000);
    checkMaintenanceTomorrow(db, start + 60_000);
    expect(ofType(db, 'maintenance.tomorrow')).toHaveLength(tomorrow.length);
  });

  it('not for a window announced less than a day ahead (the announcement said so)', async () => {
    const { db } = await seeded();
    db.insert(maintenanceWindows).values({ id: newId('mw'), siteId: null, startsAt: new Date(NOW + 6 * 3_600_000), endsAt: new Date(NOW + 8 * 3_600_000), description: 'Core switch', createdBy: 'staff@calligo.test', createdAt: new Date(NOW) }).run();
    checkMaintenanceTomorrow(db, NOW + 60_000);
    expect(ofType(db, 'maintenance.tomorrow')).toEqual([]);
  });
});

describe('the scheduled checks loop', () => {
  it('starts once (idempotent), runs a pass at start at the clock given, and stops', async () => {
    const { db } = await seeded();
    const stop = startScheduledChecks({ db, now: () => NOW, intervalMs: 60_000 });
    expect(startScheduledChecks({ db, now: () => NOW })).toBe(stop);
    await expect.poll(() => ofType(db, 'test.overdue').length).toBe(3);
    stop();
    const again = startScheduledChecks({ db, now: () => NOW, intervalMs: 60_000 });
    expect(again).not.toBe(stop);
    await new Promise((r) => setTimeout(r, 50));
    again();
    expect(ofType(db, 'test.overdue')).toHaveLength(3); // a restart repeats nothing
  });
});

describe('webhook.disabled', () => {
  const failing = async () => new Response(null, { status: 503 });

  async function failFor24h(db: DB, endpointId: string, tenantId: string | null) {
    const t0 = Date.now();
    enqueueWebhook(db, { messageId: newId('evt'), type: 'site.down', tenantId, payload: {}, occurredAt: t0 }, t0);
    let now = t0;
    for (let i = 0; i < 20; i++) {
      await deliverDueWebhooks(db, now, failing, { allowPrivate: true });
      const next = db.$client.prepare("SELECT next_attempt_at AS at FROM webhook_deliveries WHERE endpoint_id = ? AND status = 'pending'").get(endpointId) as { at: number } | undefined;
      if (!next) break;
      now = next.at;
    }
    expect(db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId)).get()!.enabled).toBe(false);
  }

  it('a tenant\'s endpoint disabled after 24 h of failures is e-mailed to its client administrators only', async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = '1';
    const db = await seededTestDb(new Date(NOW));
    const endpoint = await createWebhook(db, ACME_ADMIN, { url: 'http://127.0.0.1:9/hook', events: ['site.down'], description: 'Ops pager' });
    await failFor24h(db, endpoint.id, 'ten_acme');
    const told = ofType(db, 'webhook.disabled');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ tenantId: 'ten_acme', payload: { webhookId: endpoint.id, url: 'http://127.0.0.1:9/hook' } });
    expect(String(told[0].payload.summary)).toMatch(/^The webhook endpoint http:\/\/127\.0\.0\.1:9\/hook \(Ops pager\) was disabled: Every delivery failed for 24 hours/);
    expect(told[0].to).toEqual(['admin2@acme.test', 'admin@acme.test']);
  });

  it('a provider endpoint\'s is e-mailed to staff; webhooks cannot subscribe to it', async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = '1';
    const db = await seededTestDb(new Date(NOW));
    const endpoint = await createWebhook(db, STAFF, { url: 'http://127.0.0.1:9/provider', events: ['site.down'] });
    await failFor24h(db, endpoint.id, null);
    const told = ofType(db, 'webhook.disabled');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ tenantId: null });
    expect(told[0].to).toEqual(['staff@calligo.test']);
    expect(WEBHOOK_EVENT_TYPES).not.toContain('webhook.disabled');
    await expect(createWebhook(db, ACME_ADMIN, { url: 'http://127.0.0.1:9/x', events: ['webhook.disabled'] })).rejects.toMatchObject({ status: 400 });
  });
});
