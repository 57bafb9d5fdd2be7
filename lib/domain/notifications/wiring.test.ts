/**
 * The use cases record their e-mail events in the transaction of the change (issue 16): one
 * check per wired place, with who is addressed.
 */
import { and, eq, gte, isNull } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db/client';
import { outages, outboxDeliveries, outboxEvents, siteLinks, sites } from '@/db/schema';
import { Secret, TOTP } from 'otpauth';
import { changeOwnPassword } from '@/lib/domain/accounts/password';
import { beginTotpEnrolment, confirmTotp } from '@/lib/domain/accounts/two-factor';
import { createToken } from '@/lib/domain/accounts/tokens';
import { commitRun } from '@/lib/domain/recovery/run-decisions';
import { advanceRecoveryRuns } from '@/lib/domain/recovery/run-driver';
import { startRun as startRunGated } from '@/lib/domain/recovery/runs';
import { commitOperation, startFailover as startFailoverGated, startTestFailover } from '@/lib/domain/operations/operations';
import { createMaintenance } from '@/lib/domain/staff/maintenance';
import { createServiceRequest } from '@/lib/domain/staff/service-requests';
import { updateServiceRequest } from '@/lib/domain/staff/service-request-update';
import { setLinkOutage, setSiteOutage, type FaultInjector } from '@/lib/domain/staff/sites-faults';
import { newId } from '@/lib/ids';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { ACME_ADMIN, ACME_USER, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { startedOnly } from '@/lib/testing/started';

const startRun = startedOnly(startRunGated);
const startFailover = startedOnly(startFailoverGated);

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web';

afterEach(() => setSimulatorForTests(undefined));

async function seeded() {
  const db = await seededTestDb(new Date(NOW));
  for (const g of [WEB, 'grp_acme_sql', 'grp_acme_file']) writeJournal(db, g, NOW);
  const sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  return { db, sim };
}

/** Events recorded so far (the seed records none), with their recipients. */
function events(db: DB) {
  return db.select().from(outboxEvents).orderBy(outboxEvents.createdAt).all().map((e) => ({
    ...e,
    to: db.select({ r: outboxDeliveries.recipient }).from(outboxDeliveries).where(eq(outboxDeliveries.eventId, e.id)).all().map((d) => d.r).sort(),
  }));
}

describe('events recorded where they happen', () => {
  it('operations: started, awaiting a decision, finished', async () => {
    const { db, sim } = await seeded();
    expect(events(db)).toEqual([]);
    const op = await startFailover(db, ACME_ADMIN, WEB, { commitPolicy: 'manual' });
    for (let t = 10; t <= 400; t += 10) advanceOpenOperations(db, NOW + t * 1000, sim);
    const types = events(db).map((e) => e.type);
    expect(types).toEqual(['operation.started', 'operation.awaiting-decision']);
    const [started, awaiting] = events(db);
    expect(started).toMatchObject({ tenantId: 'ten_acme', payload: { operationId: op.id, groupId: WEB, groupName: 'Customer web tier' }, occurredAt: new Date(NOW) });
    expect(started.to).toEqual(['admin2@acme.test', 'admin@acme.test']);
    expect(awaiting.payload.summary).toMatch(/awaiting a decision/);
    await commitOperation(db, ACME_ADMIN, op.id);
    for (let t = 410; t <= 500; t += 10) advanceOpenOperations(db, NOW + t * 1000, sim);
    const finished = events(db).filter((e) => e.type === 'operation.finished');
    expect(finished).toHaveLength(1);
    expect(finished[0].payload.summary).toBe('Live failover of Customer web tier completed.');
    expect(finished[0].to).toEqual(['admin2@acme.test', 'admin@acme.test', 'user@acme.test']);
  });

  it('operations: a failure says why, and is addressed to the tenant\'s users and to staff', async () => {
    const { db, sim } = await seeded();
    const op = await startFailover(db, ACME_ADMIN, WEB, {});
    db.update(sites).set({ status: 'offline' }).where(eq(sites.id, 'zurich')).run(); // its recovery site
    advanceOpenOperations(db, NOW + 41_000, sim);
    const failed = events(db).find((e) => e.type === 'operation.failed')!;
    expect(failed).toMatchObject({ tenantId: 'ten_acme', payload: { operationId: op.id }, occurredAt: new Date(NOW + 41_000) });
    expect(String(failed.payload.summary)).toMatch(/^Live failover of Customer web tier failed: Target site Zurich went offline/);
    expect(failed.to).toEqual(['admin2@acme.test', 'admin@acme.test', 'staff@calligo.test', 'user@acme.test']);
  });

  it('operations: a start that is refused notifies nobody', async () => {
    const { db } = await seeded();
    await expect(startTestFailover(db, ACME_USER, WEB, {})).rejects.toThrow();
    expect(events(db)).toEqual([]);
  });

  it('recovery runs: started, awaiting a decision, finished', async () => {
    const { db, sim } = await seeded();
    db.update(sites).set({ status: 'offline' }).where(eq(sites.id, 'london')).run();
    const run = await startRun(db, ACME_ADMIN, { type: 'failover', sourceSiteId: 'london', reason: 'London power loss' });
    const tick = (s: number) => { sim.nowMs = NOW + s * 1000; advanceOpenOperations(db, sim.nowMs, sim); advanceRecoveryRuns(db, sim.nowMs, sim); };
    for (let s = 10; s <= 500; s += 10) tick(s);
    await commitRun(db, ACME_ADMIN, run.id);
    tick(560);
    const runEvents = events(db).filter((e) => e.type.startsWith('run.'));
    expect(runEvents.map((e) => e.type)).toEqual(['run.started', 'run.awaiting-decision', 'run.finished']);
    expect(runEvents[0]).toMatchObject({ tenantId: 'ten_acme', payload: { runId: run.id } });
    expect(runEvents[0].to).toEqual(['admin2@acme.test', 'admin@acme.test']);
    expect(runEvents[1].to).toEqual(['admin2@acme.test', 'admin@acme.test']);
    expect(runEvents[2].to).toEqual(['admin2@acme.test', 'admin@acme.test', 'user@acme.test']);
  });

  it('service requests: created and updated, to the tenant\'s admins and staff', async () => {
    const { db } = await seeded();
    const at = new Date(NOW);
    const sr = await createServiceRequest(db, ACME_ADMIN, { kind: 'other', priority: 'P3', title: 'Extra IPs', description: 'Two more public addresses' }, at);
    await updateServiceRequest(db, STAFF, sr.id, { status: 'in-progress', note: 'On it' }, at);
    const [created, updated] = events(db);
    expect(created).toMatchObject({ type: 'request.created', tenantId: 'ten_acme', payload: { requestId: sr.id } });
    expect(created.to).toEqual(['admin2@acme.test', 'admin@acme.test', 'staff@calligo.test']);
    expect(updated).toMatchObject({ type: 'request.updated', payload: { requestId: sr.id, status: 'in-progress' } });
  });

  it('account events go to the person only', async () => {
    const { db } = await seeded();
    createToken(db, ACME_USER, { name: 'CI pipeline', expiresInDays: 7 });
    await changeOwnPassword(db, { ...ACME_USER, sourceIp: '192.0.2.7' }, { currentPassword: 'demo-password', newPassword: 'correct horse battery staple' });
    const { secret } = await beginTotpEnrolment(db, ACME_USER, { password: 'correct horse battery staple' });
    await confirmTotp(db, ACME_USER, { code: TOTP.generate({ secret: Secret.fromBase32(secret) }) });
    expect(events(db).map((e) => [e.type, e.to])).toEqual([
      ['token.created', ['user@acme.test']],
      ['account.password-changed', ['user@acme.test']],
      ['account.2fa-changed', ['user@acme.test']],
    ]);
  });

  it('site and link faults: the provider\'s event for staff, one per affected tenant for its people', async () => {
    const { db } = await seeded();
    const at = new Date(NOW);
    const sim: FaultInjector = {
      now: () => NOW,
      setSiteDown(siteId, down, actorId) {
        if (down) db.insert(outages).values({ id: newId('out'), siteId, startedAt: at, startedBy: actorId }).run();
        else db.update(outages).set({ endedAt: at }).where(and(eq(outages.siteId, siteId), isNull(outages.endedAt))).run();
        db.update(sites).set({ status: down ? 'offline' : 'online' }).where(eq(sites.id, siteId)).run();
      },
      setLinkDown(linkId, down, actorId) {
        if (down) db.insert(outages).values({ id: newId('out'), linkId, startedAt: at, startedBy: actorId }).run();
        else db.update(outages).set({ endedAt: at }).where(and(eq(outages.linkId, linkId), isNull(outages.endedAt))).run();
        db.update(siteLinks).set({ up: !down }).where(eq(siteLinks.id, linkId)).run();
      },
    };
    setSiteOutage(db, STAFF, sim, 'london', { down: true });
    const down = events(db);
    expect(down.every((e) => e.type === 'site.down')).toBe(true);
    const provider = down.find((e) => e.tenantId === null)!;
    expect(provider.to).toEqual(['staff@calligo.test']);
    const acme = down.find((e) => e.tenantId === 'ten_acme')!;
    expect(acme.to).toEqual(['admin2@acme.test', 'admin@acme.test', 'user@acme.test']);
    expect(acme.payload.summary).toMatch(/^Site London is down\. Your protection groups affected: /);
    for (const e of down) expect(e.to.filter((r) => r !== 'staff@calligo.test' && !r.endsWith(`@${e.tenantId === 'ten_acme' ? 'acme' : 'globex'}.test`))).toEqual([]);
    setSiteOutage(db, STAFF, sim, 'london', { down: false });
    expect(events(db).filter((e) => e.type === 'site.up').length).toBe(down.length);
    const linkId = db.select({ id: siteLinks.id }).from(siteLinks).where(gte(siteLinks.id, '')).all()[0].id;
    setLinkOutage(db, STAFF, sim, linkId, { down: true });
    expect(events(db).filter((e) => e.type === 'link.down' && e.tenantId === null)).toHaveLength(1);
  });

  it('maintenance: announced to staff and to the tenants at the site', async () => {
    const { db } = await seeded();
    await createMaintenance(db, STAFF, { siteId: 'london', startsAt: new Date(NOW + 86_400_000).toISOString(), endsAt: new Date(NOW + 90_000_000).toISOString(), description: 'Storage firmware' }, new Date(NOW));
    const announced = events(db);
    expect(announced.every((e) => e.type === 'maintenance.announced')).toBe(true);
    expect(announced.find((e) => e.tenantId === null)?.to).toEqual(['staff@calligo.test']);
    const acme = announced.find((e) => e.tenantId === 'ten_acme')!;
    expect(acme.to).toEqual(['admin2@acme.test', 'admin@acme.test']);
    expect(String(acme.payload.summary)).toMatch(/^Maintenance at London from .*: Storage firmware$/);
  });
});
