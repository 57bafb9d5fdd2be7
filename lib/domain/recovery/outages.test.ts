/** Which outages a tenant sees at the top of its dashboard, and staff per tenant. */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { outages, protectionGroups, siteLinks, sites } from '@/db/schema';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { getOutageImpact, getTenantOutages } from './outages';

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const SINCE = new Date(Date.UTC(2030, 4, 1, 8, 12, 0));
let db: DB;

function siteDown(id: string, at = SINCE) {
  db.update(sites).set({ status: 'offline' }).where(eq(sites.id, id)).run();
  db.insert(outages).values({ id: `out_${id}`, siteId: id, startedAt: at }).run();
}
function linkDown(id: string, at = SINCE) {
  db.update(siteLinks).set({ up: false }).where(eq(siteLinks.id, id)).run();
  db.insert(outages).values({ id: `out_${id}`, linkId: id, startedAt: at }).run();
}

beforeEach(async () => {
  db = await seededTestDb(new Date(NOW));
});

describe('getOutageImpact', () => {
  it('is empty while every site and link is up', () => {
    expect(getTenantOutages(db, ACME_ADMIN)).toEqual([]);
    expect(getOutageImpact(db, STAFF)).toEqual([]);
  });

  it('names a downed site with the groups replicating from it, their VMs, data loss and targets', () => {
    db.update(protectionGroups).set({ rpoSeconds: 95 }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    siteDown('london');
    const impact = getTenantOutages(db, ACME_USER);
    expect(impact).toHaveLength(1);
    expect(impact[0]).toMatchObject({ kind: 'site', siteId: 'london', siteName: 'London', since: SINCE.toISOString() });
    expect(impact[0].groups.map((g) => g.id)).toEqual(['grp_acme_web', 'grp_acme_sql']);
    expect(impact[0].groups[0]).toMatchObject({ name: 'Customer web tier', vmCount: 4, rpoSeconds: 95, rpoTargetSeconds: 300, targetSiteId: 'zurich', targetSiteName: 'Zurich', targetSiteDown: false });
    expect(impact[0].groups[1]).toMatchObject({ name: 'Policy database', vmCount: 3, targetSiteName: 'Jersey' });
  });

  it('flags a group whose recovery site is down too', () => {
    siteDown('london');
    siteDown('zurich');
    const web = getTenantOutages(db, ACME_ADMIN)[0].groups.find((g) => g.id === 'grp_acme_web');
    expect(web).toMatchObject({ targetSiteDown: true });
  });

  it('names a cut link with the groups replicating over it, from their side', () => {
    linkDown('guernsey--jersey');
    expect(getTenantOutages(db, ACME_ADMIN)).toMatchObject([
      { kind: 'link', linkId: 'guernsey--jersey', linkLabel: 'Jersey–Guernsey', since: SINCE.toISOString(), groups: [{ id: 'grp_acme_file', targetSiteName: 'Guernsey' }] },
    ]);
  });

  it('does not repeat under a cut link a group already listed under its downed source', () => {
    siteDown('london');
    linkDown('london--zurich');
    const impact = getTenantOutages(db, ACME_ADMIN);
    expect(impact.map((o) => o.kind)).toEqual(['site']);
  });

  it('counts a reversed group under the site it now replicates from, not its old home', () => {
    // Failed over with reverse protection: the database holds the swapped direction.
    db.update(protectionGroups).set({ sourceSiteId: 'zurich', targetSiteId: 'london', status: 'reverse-replicating' }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    siteDown('london');
    expect(getTenantOutages(db, ACME_ADMIN)[0].groups.map((g) => g.id)).toEqual(['grp_acme_sql']);
    siteDown('zurich');
    const zurich = getTenantOutages(db, ACME_ADMIN).find((o) => o.siteId === 'zurich');
    expect(zurich?.groups).toMatchObject([{ id: 'grp_acme_web', targetSiteId: 'london', targetSiteDown: true }]);
  });

  it('leaves out a group failed over without reverse protection: it replicates from nowhere', () => {
    db.update(protectionGroups).set({ status: 'failed-over' }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    siteDown('london');
    expect(getTenantOutages(db, ACME_ADMIN)[0].groups.map((g) => g.id)).toEqual(['grp_acme_sql']);
  });

  it("never shows another tenant's outage", () => {
    siteDown('toronto'); // Globex's ERP replicates from Toronto; Acme has nothing there
    expect(getTenantOutages(db, ACME_ADMIN)).toEqual([]);
    expect(getTenantOutages(db, GLOBEX_ADMIN)).toMatchObject([{ siteId: 'toronto', groups: [{ id: 'grp_globex_erp' }] }]);
    // A client cannot ask for another tenant: the tenant is pinned to its own.
    expect(getTenantOutages(db, ACME_ADMIN, { tenantId: 'ten_globex' })).toEqual([]);
  });

  it('does not count a site a tenant only recovers to', () => {
    siteDown('london'); // Globex's customer portal replicates Singapore → London
    expect(getTenantOutages(db, GLOBEX_ADMIN)).toEqual([]);
  });

  it('gives staff every tenant hit, one entry each, or one tenant when named', () => {
    siteDown('london');
    siteDown('toronto');
    const all = getOutageImpact(db, STAFF);
    expect(all.map((t) => [t.tenantName, t.outages.map((o) => o.siteId)])).toEqual([
      ['Acme Insurance', ['london']],
      ['Globex Logistics', ['toronto']],
    ]);
    expect(getOutageImpact(db, STAFF, { tenantId: 'ten_globex' }).map((t) => t.tenantId)).toEqual(['ten_globex']);
    expect(getTenantOutages(db, { ...STAFF, tenantId: 'ten_acme', actingForTenant: true })).toMatchObject([{ siteId: 'london' }]);
  });
});
