import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { maintenanceWindows, outages } from '@/db/schema';
import type { SimulatorControl } from '@/lib/sim/contract';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { monthlySla } from './sla';

const NOW = Date.parse('2025-07-15T00:00:00Z');
const at = (iso: string) => new Date(iso);
let db: DB;

beforeAll(async () => {
  setSimulatorForTests({ now: () => NOW } as unknown as SimulatorControl);
  db = await seededTestDb(new Date(NOW));
  db.insert(outages)
    .values([
      // Acme runs in London: 216 min in June (a 43,200-minute month) = exactly 99.5 %.
      { id: 'o1', siteId: 'london', startedAt: at('2025-06-10T00:00:00Z'), endedAt: at('2025-06-10T03:36:00Z') },
      // Singapore: a Globex site only.
      { id: 'o2', siteId: 'singapore', startedAt: at('2025-06-12T00:00:00Z'), endedAt: at('2025-06-12T10:00:00Z') },
      // The London–Zurich link (Acme's web group): 60 min, of which 30 inside maintenance.
      { id: 'o3', linkId: 'london--zurich', startedAt: at('2025-06-20T00:00:00Z'), endedAt: at('2025-06-20T01:00:00Z') },
      // Still open in July: counts up to "now".
      { id: 'o4', siteId: 'jersey', startedAt: at('2025-07-14T23:00:00Z'), endedAt: null },
    ])
    .run();
  db.insert(maintenanceWindows)
    .values([
      { id: 'm1', siteId: null, startsAt: at('2025-06-20T00:30:00Z'), endsAt: at('2025-06-20T02:30:00Z'), description: 'core switch upgrade', createdAt: at('2025-06-01T00:00:00Z') },
      { id: 'm2', siteId: 'toronto', startsAt: at('2025-06-05T00:00:00Z'), endsAt: at('2025-06-05T05:00:00Z'), description: 'UPS test', createdAt: at('2025-06-01T00:00:00Z') },
    ])
    .run();
});

describe('monthlySla', () => {
  it('counts outages where the tenant runs, minus maintenance, and decides the credit', async () => {
    const r = await monthlySla(db, ACME_USER, { month: '2025-06', tenantId: 'ten_globex' });
    expect(r).toMatchObject({ month: '2025-06', tenantId: 'ten_acme', targetPercent: 99.9, maintenanceMinutes: 120, downtimeMinutes: 246 });
    // 246 min down of 43,080 measured → 99.429 %: below 99.5, 10 % credit.
    expect(r.uptimePercent).toBe(99.429);
    expect(r.creditPercent).toBe(10);
  });

  it('does not charge a tenant for sites it does not use; maintenance at its sites only', async () => {
    const r = await monthlySla(db, GLOBEX_ADMIN, { month: '2025-06' });
    // Globex: Singapore 600 min (site), London is a Globex recovery site (216 min). Toronto window applies.
    expect(r).toMatchObject({ downtimeMinutes: 816, maintenanceMinutes: 420, creditPercent: 25 });
  });

  it('measures the current month up to now and counts open outages', async () => {
    const r = await monthlySla(db, ACME_USER, {});
    expect(r.month).toBe('2025-07');
    expect(r.periodEnd).toBe(new Date(NOW).toISOString());
    expect(r.downtimeMinutes).toBe(60);
  });

  it('gives staff the whole service or one tenant', async () => {
    expect((await monthlySla(db, STAFF, { month: '2025-06' })).tenantId).toBeNull();
    expect((await monthlySla(db, STAFF, { month: '2025-06', tenantId: 'ten_acme' })).uptimePercent).toBe(99.429);
  });

  it('refuses a malformed or future month', async () => {
    await expect(monthlySla(db, ACME_USER, { month: '2025-13' })).rejects.toMatchObject({ status: 400, extra: { errors: [{ field: 'month' }] } });
    await expect(monthlySla(db, ACME_USER, { month: '2025-08' })).rejects.toMatchObject({ status: 400 });
  });
});

describe('monthlySla carries the service description\'s availability table', () => {
  it('with the bands and this month\'s allowance of 43.8 minutes', async () => {
    const db = await seededTestDb();
    const r = await monthlySla(db, ACME_USER, { month: '2025-06' });
    expect(r.availabilityTable?.map((b) => [b.fromPercent, b.maxDowntimeMinutes, b.creditPercent])).toEqual([[99.9, 43.8, 0], [99.5, 219, 0], [99, 438, 10], [null, null, 25]]);
    expect(r.allowance).toMatchObject({ allowanceMinutes: 43.8, credit10AfterMinutes: 219, credit25AfterMinutes: 438 });
    expect(r.allowance!.leftMinutes).toBe(Math.max(0, Math.round((43.8 - r.downtimeMinutes) * 10) / 10));
  });
});
