/**
 * The what-if forecast against a scenario worked out by hand (the issue asks for one), and
 * against what a real failover then does.
 *
 * The scenario is the demo seed with a few numbers pinned so the arithmetic is short. Acme
 * Insurance runs two groups in London:
 *
 *   Customer web tier (grp_acme_web) London → Zurich, RPO target 5 m, RTO target 30 m
 *     boot group 1 "Application servers": acme-app-01 (boots in 81 s), acme-app-02 (44 s);
 *       then 60 s delay
 *     boot group 2 "Web servers": acme-web-01 (35 s), acme-web-02 (58 s)
 *     4 Linux VMs of 2 vCPU × 2.4 GHz, 8 GB → 19.2 GHz, 32 GB
 *   Policy database (grp_acme_sql) London → Jersey, RPO target 5 m, RTO target pinned to 5 m
 *     boot group 1 "Directory": acme-dc-01 (192 s); then 120 s delay
 *     boot group 2 "Database": acme-sql-01 (118 s), acme-sql-02 (155 s)
 *     dc 2 vCPU (4.8 GHz, 8 GB) + 2 sql of 8 vCPU (19.2 GHz, 64 GB) → 43.2 GHz, 136 GB
 *
 * A live failover with London down skips the shutdown (lib/operations/steps): pre-flight 0 s,
 * create 5 s + 3 s per VM, each boot group its slowest VM, the delay after a boot group before
 * the next; the RTO ends when the last boot group is up (the network step comes after).
 */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db/client';
import { operations, protectionGroups, recoveryPlans, sites, vdcs } from '@/db/schema';
import { newId } from '@/lib/ids';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import type { OperationOptions } from '@/lib/operations/types';
import { getOperation, startFailover as startFailoverGated } from '@/lib/domain/operations/operations';
import { loadGroupForOperation } from '@/lib/domain/operations/operation-plan';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { forecastGroup } from './forecast';
import { getWhatIf } from './what-if';
import { startedOnly } from '@/lib/testing/started';

const startFailover = startedOnly(startFailoverGated);

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web';
const SQL = 'grp_acme_sql';

afterEach(() => setSimulatorForTests(undefined));

const setSite = (db: DB, id: string, status: 'online' | 'offline') => db.update(sites).set({ status }).where(eq(sites.id, id)).run();

/** A past operation of the web tier that took `extra` seconds longer than its own plan said. */
function pastWebOperation(db: DB, type: 'failover' | 'test-failover', daysAgo: number, measured: number) {
  const options: OperationOptions = {
    v: 1, fromSiteName: 'London', toSiteName: 'Zurich', sourceSiteOnline: true, shutdownSource: type === 'failover', reverseProtection: false,
    commitPolicy: 'manual', commitTimeoutMinutes: 60, finalSyncSeconds: 0,
    network: { kind: type === 'failover' ? 'live' : 'test', mode: 'keep-ip', network: 'n', mappings: [] },
    plan: [
      { name: 'Application servers', delayAfterSeconds: 60, vms: [{ id: 'vm_acme_app_01', name: 'acme-app-01', bootSeconds: 81 }, { id: 'vm_acme_app_02', name: 'acme-app-02', bootSeconds: 44 }] },
      { name: 'Web servers', delayAfterSeconds: 0, vms: [{ id: 'vm_acme_web_01', name: 'acme-web-01', bootSeconds: 35 }, { id: 'vm_acme_web_02', name: 'acme-web-02', bootSeconds: 58 }] },
    ],
    groupStatusBefore: 'meeting-sla', stopRequestedAtMs: null, decision: null,
  };
  const at = new Date(NOW - daysAgo * 86_400_000);
  db.insert(operations).values({
    id: newId('op'), tenantId: 'ten_acme', groupId: WEB, type, status: 'completed', fromSiteId: 'london', toSiteId: 'zurich',
    options: options as unknown as Record<string, unknown>, startedBy: 'usr_admin_acme', startedByEmail: 'admin@acme.test',
    startedAt: at, finishedAt: at, rtoSeconds: measured,
  }).run();
}

/** The seed at NOW with the numbers above pinned (London still up: the forecast supposes it fails). */
async function scenario() {
  const db = await seededTestDb(new Date(NOW));
  setSimulatorForTests(new FakeSimulator(NOW));
  for (const g of [WEB, SQL, 'grp_acme_file', 'grp_globex_web']) writeJournal(db, g, NOW);
  // Current RPO (what the latest checkpoint would lose): web 42 s, database 95 s.
  db.update(protectionGroups).set({ rpoSeconds: 42 }).where(eq(protectionGroups.id, WEB)).run();
  db.update(protectionGroups).set({ rpoSeconds: 95, rtoTargetMinutes: 5 }).where(eq(protectionGroups.id, SQL)).run();
  db.update(protectionGroups).set({ rpoSeconds: 30 }).where(eq(protectionGroups.id, 'grp_acme_file')).run();
  // The web tier's history: the seed's one test took exactly its plan (+0 s); a live failover
  // took 276 s against its plan of 30 (shutdown) + 17 + 81 + 60 + 58 = 246 s (+30 s); a test
  // took 226 s against 17 + 81 + 60 + 58 = 216 s (+10 s). Median of (0, 10, 30) = 10 s.
  pastWebOperation(db, 'failover', 20, 276);
  pastWebOperation(db, 'test-failover', 10, 226);
  return db;
}

describe('what-if: the hand-worked scenario', () => {
  it('forecasts each group of Acme if London failed now', async () => {
    const db = await scenario();
    const w = await getWhatIf(db, ACME_ADMIN, { siteId: 'london' });

    // Web tier: planned 17 (create 5 + 3 × 4) + 81 (slower app server) + 60 (delay) + 58 (slower web server) = 216 s;
    // overhead 10 s → predicted 226 s = 3 m 46 s ≤ 30 m. Data loss 42 s ≤ 300 s. Zurich: 19.2 GHz, 32 GB of 60 GHz, 256 GB.
    // Database: planned 14 (create 5 + 3 × 3) + 192 (directory) + 120 (delay) + 155 (slower SQL) = 481 s; no past
    // recoveries but the seed's test (+0 s) → predicted 481 s = 8 m 1 s > 5 m target, missed by 181 s. Data loss 95 s ≤ 300 s.
    // Jersey: 43.2 GHz, 136 GB of 64 GHz, 192 GB.
    expect(w.groups.map((g) => [g.groupName, g.dataLossSeconds, g.plannedRtoSeconds, g.overheadSeconds, g.predictedRtoSeconds, g.capacityOk, g.meetsRpoTarget, g.meetsRtoTarget, g.recoverySiteName, g.vmCount])).toEqual([
      ['Customer web tier', 42, 216, 10, 226, true, true, true, 'Zurich', 4],
      ['Policy database', 95, 481, 0, 481, true, true, false, 'Jersey', 3],
    ]);
    expect(w.capacity.map((c) => [c.siteName, c.requiredGhz, c.requiredMemoryGb, c.availableGhz, c.availableMemoryGb, c.ok])).toEqual([
      ['Zurich', 19.2, 32, 60, 256, true],
      ['Jersey', 43.2, 136, 64, 192, true],
    ]);
    expect(w.missing).toEqual([{ groupId: SQL, groupName: 'Policy database', tenantName: 'Acme Insurance', marginSeconds: -181, why: 'RTO 8 m 1 s > 5 m target' }]);
    expect(w.verdict).toBe('missed');
    expect(w.summary).toBe(
      'If London failed now: 2 groups (7 VMs) of Acme Insurance would fail over to Zurich and Jersey; 1 would miss its targets: Policy database (RTO 8 m 1 s > 5 m target).',
    );
    expect(w.recoverySites).toEqual([]); // the provider's physical capacity is for staff

    // Once London is down, the same numbers, said as a fact.
    setSite(db, 'london', 'offline');
    const down = await getWhatIf(db, ACME_ADMIN, { siteId: 'london' });
    expect(down.groups.map((g) => g.predictedRtoSeconds)).toEqual([226, 481]);
    expect(down.summary).toBe(
      'London is offline now: 2 groups (7 VMs) of Acme Insurance would fail over to Zurich and Jersey; 1 would miss its targets: Policy database (RTO 8 m 1 s > 5 m target).',
    );
  });

  it('with a saved plan, a later tier waits for the earlier one', async () => {
    const db = await scenario();
    db.insert(recoveryPlans).values({
      id: 'rpl_db_first', tenantId: 'ten_acme', name: 'Database first', tiers: [{ groupIds: [SQL], delayAfterSeconds: 30 }, { groupIds: [WEB], delayAfterSeconds: 0 }],
      createdAt: new Date(NOW), updatedAt: new Date(NOW),
    }).run();
    const w = await getWhatIf(db, ACME_USER, { siteId: 'london', planId: 'rpl_db_first' });
    // Tier 1, the database, is up at 481 s; tier 2 starts 30 s later: the web tier is up at 481 + 30 + 226 = 737 s = 12 m 17 s ≤ 30 m.
    const web = w.groups.find((g) => g.groupId === WEB)!;
    expect([web.tier, web.tierWaitSeconds, web.predictedRtoSeconds, web.meetsRtoTarget]).toEqual([2, 511, 737, true]);
    expect(w.planName).toBe('Database first');
    expect(w.groups.map((g) => [g.groupId, g.tier])).toEqual([[SQL, 1], [WEB, 2]]); // in the plan's order
  });

  it('a recovery site that is down too, and a vDC too small for the claim', async () => {
    const db = await scenario();
    setSite(db, 'zurich', 'offline');
    // Jersey's recovery vDC shrunk to 40 GHz: the database needs 43.2.
    db.update(vdcs).set({ vcpuGhz: 40 }).where(eq(vdcs.id, 'vdc_acme_jersey_recovery')).run();
    const w = await getWhatIf(db, ACME_ADMIN, { siteId: 'london' });
    const [web, sql] = w.groups;
    expect([web.recoverySiteDown, web.capacityOk, web.recoverable, web.meetsRtoTarget]).toEqual([true, false, false, false]);
    expect([sql.recoverySiteDown, sql.capacityOk, sql.recoverable]).toEqual([false, false, true]);
    expect(w.verdict).toBe('cannot-recover');
    expect(w.summary).toBe(
      'If London failed now: 2 groups (7 VMs) of Acme Insurance would fail over to Zurich and Jersey; 2 could not recover: ' +
        'Customer web tier (its recovery site Zurich is offline), Policy database (not enough capacity at Jersey, RTO 8 m 1 s > 5 m target).',
    );
    // Staff see what the failure would claim at Zurich even though nothing can start there now. Reserved for
    // recovery: only Acme has recovery vDCs at Zurich (60 GHz) and Jersey (shrunk to 40 GHz above).
    const staff = await getWhatIf(db, STAFF, { siteId: 'london' });
    expect(staff.recoverySites.map((s) => [s.siteName, s.siteStatus, s.claimGhz, s.claimMemoryGb, s.reservedGhz, s.ok])).toEqual([
      ['Zurich', 'offline', 19.2, 32, 60, false],
      ['Jersey', 'online', 43.2, 136, 40, false],
    ]);
  });

  it('staff see every tenant with a site, and each recovery site against its physical capacity', async () => {
    const db = await scenario();
    // Globex runs nothing in London. Its customer portal recovers from Singapore to London, which is down: it cannot recover.
    const w = await getWhatIf(db, STAFF, { siteId: 'london' });
    expect(w.tenantId).toBeNull();
    expect(w.groups.map((g) => g.tenantName)).toEqual(['Acme Insurance', 'Acme Insurance']);
    expect(w.recoverySites.map((s) => [s.siteName, s.claimGhz, s.claimMemoryGb, s.ok])).toEqual([['Zurich', 19.2, 32, true], ['Jersey', 43.2, 136, true]]);
    const zurich = w.recoverySites[0];
    expect(zurich.physicalGhz).toBeGreaterThan(zurich.claimGhz);
    expect(w.capacity.every((c) => c.tenantName === 'Acme Insurance')).toBe(true);

    setSite(db, 'london', 'offline');
    const sing = await getWhatIf(db, STAFF, { siteId: 'singapore' });
    expect(sing.groups.map((g) => [g.tenantName, g.groupName, g.recoverySiteDown, g.recoverable])).toEqual([['Globex Logistics', 'Customer portal', true, false]]);
    expect(sing.summary).toMatch(/^If Singapore failed now: 1 group \(\d+ VMs?\) of Globex Logistics would fail over to London; 1 could not recover: Customer portal \(its recovery site London is offline\)\.$/);
  });
});

describe('what-if: access', () => {
  it('pins client roles to their tenant, 404s another tenant\'s plan, an unknown site or tenant, and 400s a bad id', async () => {
    const db = await scenario();
    db.insert(recoveryPlans).values({ id: 'rpl_acme', tenantId: 'ten_acme', name: 'P', tiers: [{ groupIds: [WEB], delayAfterSeconds: 0 }], createdAt: new Date(NOW), updatedAt: new Date(NOW) }).run();
    const globex = await getWhatIf(db, GLOBEX_ADMIN, { siteId: 'london', tenantId: 'ten_acme' });
    expect(globex.groups).toEqual([]);
    expect(globex.summary).toBe('If London failed now: no protection group of Globex Logistics replicates from it. 1 group recovering to London would be left without protection: Customer portal.');
    expect(globex.losingProtection).toEqual([{ groupId: 'grp_globex_web', groupName: 'Customer portal', tenantName: 'Globex Logistics', sourceSiteId: 'singapore' }]);
    await expect(getWhatIf(db, GLOBEX_ADMIN, { siteId: 'london', planId: 'rpl_acme' })).rejects.toMatchObject({ status: 404 });
    await expect(getWhatIf(db, ACME_ADMIN, { siteId: 'atlantis' })).rejects.toMatchObject({ status: 404 });
    await expect(getWhatIf(db, STAFF, { siteId: 'london', tenantId: 'ten_nobody' })).rejects.toMatchObject({ status: 404 });
    await expect(getWhatIf(db, ACME_ADMIN, { siteId: 'no spaces!' })).rejects.toMatchObject({ status: 400 });
    await expect(getWhatIf(db, ACME_ADMIN, {})).rejects.toMatchObject({ status: 400 });
    const staffForAcme = await getWhatIf(db, STAFF, { siteId: 'london', tenantId: 'ten_acme', planId: 'rpl_acme' });
    expect(staffForAcme.groups.map((g) => g.groupId)).toEqual([WEB, SQL]);
  });
});

describe('what-if agrees with a real failover', () => {
  it('forecasts the RTO and data loss the failover then achieves', async () => {
    const db = await seededTestDb(new Date(NOW));
    const sim = new FakeSimulator(NOW);
    setSimulatorForTests(sim);
    writeJournal(db, WEB, NOW);
    db.update(protectionGroups).set({ rpoSeconds: 42 }).where(eq(protectionGroups.id, WEB)).run();
    setSite(db, 'london', 'offline');

    const forecast = forecastGroup(db, loadGroupForOperation(db, ACME_ADMIN, WEB), NOW);
    const w = await getWhatIf(db, ACME_ADMIN, { siteId: 'london' });
    const predicted = w.groups.find((g) => g.groupId === WEB)!;
    expect([forecast.predictedRtoSeconds, forecast.dataLossSeconds]).toEqual([216, 42]);
    expect([predicted.predictedRtoSeconds, predicted.dataLossSeconds]).toEqual([216, 42]);

    const op = await startFailover(db, ACME_ADMIN, WEB, {});
    for (let t = 10; t <= 400; t += 10) advanceOpenOperations(db, NOW + t * 1000, sim);
    const done = await getOperation(db, ACME_ADMIN, op.id);
    expect(done.status).toBe('awaiting-commit');
    expect(done.rtoSeconds).toBe(forecast.predictedRtoSeconds);
    expect(done.dataLossSeconds).toBe(forecast.dataLossSeconds);
  });

  it('with the source up, the forecast of a run that shuts it down agrees too', async () => {
    const db = await seededTestDb(new Date(NOW));
    const sim = new FakeSimulator(NOW);
    setSimulatorForTests(sim);
    writeJournal(db, WEB, NOW);
    // Graceful shutdown 29 s (the slowest guest, acme-app-01, within the default 300 s grace) + 216 s = 245 s.
    const forecast = forecastGroup(db, loadGroupForOperation(db, ACME_ADMIN, WEB), NOW, { sourceSiteOnline: true });
    expect(forecast.predictedRtoSeconds).toBe(245);
    const op = await startFailover(db, ACME_ADMIN, WEB, {});
    for (let t = 10; t <= 400; t += 10) advanceOpenOperations(db, NOW + t * 1000, sim);
    expect((await getOperation(db, ACME_ADMIN, op.id)).rtoSeconds).toBe(245);
  });
});
