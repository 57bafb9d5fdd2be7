import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { outages, protectionGroups, siteLinks, sites, tenants, vdcs } from '@/db/schema';
import type { Actor } from '@/lib/domain/actor';
import { audit } from '@/lib/domain/audit';
import { authorize } from '@/lib/domain/authorize';
import { NotFoundError } from '@/lib/domain/errors';
import { parseBody } from '@/lib/domain/input';
import type { SimulatorControl } from '@/lib/sim/contract';
import { outageSchema } from '@/lib/schemas/staff';
import type { AffectedGroupDto, LinkDto, Load, SiteLoadDto } from './dto';

/** The part of the simulator that staff fault injection drives. */
export type FaultInjector = Pick<SimulatorControl, 'setSiteDown' | 'setLinkDown'>;

const load = (allocated: number, capacity: number): Load => ({
  allocated: Math.round(allocated * 100) / 100,
  capacity,
  percent: capacity > 0 ? Math.round((allocated / capacity) * 1000) / 10 : 0,
});

function openSiteOutages(db: Executor): Set<string> {
  const rows = db.select({ siteId: outages.siteId }).from(outages).where(isNull(outages.endedAt)).all();
  return new Set(rows.map((r) => r.siteId).filter((id): id is string => id !== null));
}

/** The eight sites with status and load: allocated vDC resources against site capacity. */
export function listSitesWithLoad(db: DB, actor: Actor): SiteLoadDto[] {
  authorize(db, actor, 'sites:manage', { type: 'site' });
  return sitesWithLoad(db);
}

export function sitesWithLoad(db: Executor): SiteLoadDto[] {
  const allVdcs = db.select({ siteId: vdcs.siteId, ghz: vdcs.vcpuGhz, mem: vdcs.memoryGb, stor: vdcs.storageGb }).from(vdcs).all();
  const groups = db.select({ s: protectionGroups.sourceSiteId, t: protectionGroups.targetSiteId }).from(protectionGroups).all();
  const faulted = openSiteOutages(db);
  return db
    .select()
    .from(sites)
    .orderBy(asc(sites.name))
    .all()
    .map((s) => {
      const here = allVdcs.filter((v) => v.siteId === s.id);
      const total = (k: 'ghz' | 'mem' | 'stor') => here.reduce((a, v) => a + v[k], 0);
      return {
        id: s.id,
        name: s.name,
        country: s.country,
        status: s.status,
        down: s.status === 'offline' || faulted.has(s.id),
        load: { vcpuGhz: load(total('ghz'), s.capacityVcpuGhz), memoryGb: load(total('mem'), s.capacityMemoryGb), storageGb: load(total('stor'), s.capacityStorageGb) },
        vdcCount: here.length,
        groupCount: groups.filter((g) => g.s === s.id || g.t === s.id).length,
      };
    });
}

export function listLinks(db: DB, actor: Actor, { siteId }: { siteId?: string } = {}): LinkDto[] {
  authorize(db, actor, 'sites:manage', { type: 'link' });
  const where = siteId ? or(eq(siteLinks.siteAId, siteId), eq(siteLinks.siteBId, siteId)) : undefined;
  return db.select().from(siteLinks).where(where).orderBy(asc(siteLinks.latencyMs)).all();
}

function groupsWhere(db: Executor, where: ReturnType<typeof or>): Omit<AffectedGroupDto, 'role'>[] {
  return db
    .select({
      id: protectionGroups.id,
      tenantId: protectionGroups.tenantId,
      tenantName: tenants.name,
      name: protectionGroups.name,
      sourceSiteId: protectionGroups.sourceSiteId,
      targetSiteId: protectionGroups.targetSiteId,
      status: protectionGroups.status,
      subStatus: protectionGroups.subStatus,
      rpoSeconds: protectionGroups.rpoSeconds,
      rpoTargetSeconds: protectionGroups.rpoTargetSeconds,
    })
    .from(protectionGroups)
    .innerJoin(tenants, eq(tenants.id, protectionGroups.tenantId))
    .where(where)
    .orderBy(asc(tenants.name), asc(protectionGroups.name))
    .all();
}

/** Groups that replicate from or to the site: a fault there pauses their replication. */
export function groupsAffectedBySite(db: Executor, siteId: string): AffectedGroupDto[] {
  return groupsWhere(db, or(eq(protectionGroups.sourceSiteId, siteId), eq(protectionGroups.targetSiteId, siteId))).map((g) => ({
    ...g,
    role: g.sourceSiteId === siteId ? 'source' : 'target',
  }));
}

/** Groups whose traffic crosses the link: source and target are the link's two sites. */
export function groupsAffectedByLink(db: Executor, link: { siteAId: string; siteBId: string }): AffectedGroupDto[] {
  const { siteAId: a, siteBId: b } = link;
  const pair = or(
    and(eq(protectionGroups.sourceSiteId, a), eq(protectionGroups.targetSiteId, b)),
    and(eq(protectionGroups.sourceSiteId, b), eq(protectionGroups.targetSiteId, a)),
  );
  return groupsWhere(db, pair).map((g) => ({ ...g, role: 'link' as const }));
}

function findSite(db: Executor, id: string) {
  const site = db.select().from(sites).where(eq(sites.id, id)).get();
  if (!site) throw new NotFoundError('site', id);
  return site;
}

function findLink(db: Executor, id: string) {
  const link = db.select().from(siteLinks).where(eq(siteLinks.id, id)).get();
  if (!link) throw new NotFoundError('link', id);
  return link;
}

export function siteFaultView(db: DB, actor: Actor, siteId: string) {
  authorize(db, actor, 'sites:manage', { type: 'site', id: siteId });
  findSite(db, siteId);
  const site = sitesWithLoad(db).find((s) => s.id === siteId)!;
  return { site, affectedGroups: groupsAffectedBySite(db, siteId), links: db.select().from(siteLinks).where(or(eq(siteLinks.siteAId, siteId), eq(siteLinks.siteBId, siteId))).orderBy(asc(siteLinks.latencyMs)).all() as LinkDto[] };
}

/**
 * Takes a site down or brings it back in the simulator. Idempotent: asking for the state the
 * site is already in changes nothing (and is not audited as a change).
 */
export function setSiteOutage(db: DB, actor: Actor, sim: FaultInjector, siteId: string, input: unknown) {
  authorize(db, actor, 'sites:manage', { type: 'site', id: siteId });
  const site = findSite(db, siteId);
  const { down } = parseBody(outageSchema, input);
  const wasDown = sitesWithLoad(db).find((s) => s.id === siteId)!.down;
  const affectedGroups = groupsAffectedBySite(db, siteId);
  if (wasDown !== down) {
    sim.setSiteDown(siteId, down, actor.userId);
    audit(db, actor, {
      action: down ? 'site.outage.start' : 'site.outage.end',
      tenantId: null,
      targetType: 'site',
      targetId: siteId,
      details: { site: site.name, affectedGroups: affectedGroups.length, tenants: [...new Set(affectedGroups.map((g) => g.tenantId))] },
    });
  }
  return { site: sitesWithLoad(db).find((s) => s.id === siteId)!, changed: wasDown !== down, affectedGroups: groupsAffectedBySite(db, siteId) };
}

export function linkFaultView(db: DB, actor: Actor, linkId: string) {
  authorize(db, actor, 'sites:manage', { type: 'link', id: linkId });
  const link = findLink(db, linkId);
  return { link: link as LinkDto, affectedGroups: groupsAffectedByLink(db, link) };
}

export function setLinkOutage(db: DB, actor: Actor, sim: FaultInjector, linkId: string, input: unknown) {
  authorize(db, actor, 'sites:manage', { type: 'link', id: linkId });
  const link = findLink(db, linkId);
  const { down } = parseBody(outageSchema, input);
  const wasDown = !link.up || linkHasOpenOutage(db, linkId);
  const affectedGroups = groupsAffectedByLink(db, link);
  if (wasDown !== down) {
    sim.setLinkDown(linkId, down, actor.userId);
    audit(db, actor, {
      action: down ? 'link.outage.start' : 'link.outage.end',
      tenantId: null,
      targetType: 'link',
      targetId: linkId,
      details: { sites: [link.siteAId, link.siteBId], affectedGroups: affectedGroups.length },
    });
  }
  return { link: findLink(db, linkId) as LinkDto, changed: wasDown !== down, affectedGroups: groupsAffectedByLink(db, link) };
}

function linkHasOpenOutage(db: Executor, linkId: string) {
  return !!db.select({ id: outages.id }).from(outages).where(and(eq(outages.linkId, linkId), isNull(outages.endedAt))).get();
}

/** Sites and links with an open fault, for the overview's banner. */
export function openFaults(db: Executor): { siteIds: string[]; linkIds: string[] } {
  const rows = db.select({ siteId: outages.siteId, linkId: outages.linkId }).from(outages).where(isNull(outages.endedAt)).all();
  const downLinks = db.select({ id: siteLinks.id }).from(siteLinks).where(eq(siteLinks.up, false)).all();
  const offline = db.select({ id: sites.id }).from(sites).where(inArray(sites.status, ['offline'])).all();
  return {
    siteIds: [...new Set([...rows.flatMap((r) => (r.siteId ? [r.siteId] : [])), ...offline.map((s) => s.id)])],
    linkIds: [...new Set([...rows.flatMap((r) => (r.linkId ? [r.linkId] : [])), ...downLinks.map((l) => l.id)])],
  };
}
