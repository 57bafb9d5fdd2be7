import 'server-only';
import { asc, eq, inArray, or } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { siteLinks, sites } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { recordEvent } from '@/lib/domain/notifications/outbox';
import { authorize } from '@/lib/domain/core/authorize';
import { NotFoundError, ValidationError } from '@/lib/core/errors';
import { parseBody } from '@/lib/domain/core/input';
import type { SimulatorControl } from '@/lib/sim/contract';
import { outageSchema, siteDegradeSchema } from '@/lib/schemas/staff';
import { isDegraded } from '@/lib/sim/site-degradation';
import { groupsAffectedByLink, groupsAffectedBySite } from './affected-groups';
import type { AffectedGroupDto, LinkDto, SiteLoadDto } from './dto';
import { openFaults, sitesWithLoad, withLiveState } from './site-state';

/** The part of the simulator that staff fault injection drives. */
/** What injects a fault; `now` is its simulated clock, kept with the audit entry. */
export type FaultInjector = Pick<SimulatorControl, 'setSiteDown' | 'setLinkDown' | 'now'>;
/** What degrades a site (the simulator, or the recording fallback). */
export type DegradeInjector = Pick<SimulatorControl, 'setSiteDegraded' | 'now'>;

export type LinkWithGroupsDto = LinkDto & { affectedGroups: AffectedGroupDto[] };

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

const siteState = (db: Executor, siteId: string): SiteLoadDto => sitesWithLoad(db).find((s) => s.id === siteId)!;
const withGroups = (db: Executor, links: LinkDto[]): LinkWithGroupsDto[] => links.map((l) => ({ ...l, affectedGroups: groupsAffectedByLink(db, l) }));

/** The eight sites with status and load: allocated vDC resources against site capacity. */
export function listSitesWithLoad(db: DB, actor: Actor): SiteLoadDto[] {
  authorize(db, actor, 'sites:manage', { type: 'site' });
  return sitesWithLoad(db);
}

export function listLinks(db: DB, actor: Actor, { siteId }: { siteId?: string } = {}): LinkDto[] {
  authorize(db, actor, 'sites:manage', { type: 'link' });
  const where = siteId ? or(eq(siteLinks.siteAId, siteId), eq(siteLinks.siteBId, siteId)) : undefined;
  return withLiveState(db, db.select().from(siteLinks).where(where).orderBy(asc(siteLinks.latencyMs)).all());
}

/** The faults page: every site with the groups it carries, and the links that are down. */
export function faultConsole(db: DB, actor: Actor) {
  authorize(db, actor, 'sites:manage', { type: 'site' });
  const { linkIds } = openFaults(db);
  const downLinks = linkIds.length ? db.select().from(siteLinks).where(inArray(siteLinks.id, linkIds)).all() : [];
  return {
    sites: sitesWithLoad(db).map((s) => ({ ...s, affectedGroups: groupsAffectedBySite(db, s.id) })),
    downLinks: withGroups(db, withLiveState(db, downLinks)),
  };
}

/** A site's page: its load, the groups a fault there affects, and its seven links. */
export function siteFaultView(db: DB, actor: Actor, siteId: string) {
  authorize(db, actor, 'sites:manage', { type: 'site', id: siteId });
  findSite(db, siteId);
  const links = db.select().from(siteLinks).where(or(eq(siteLinks.siteAId, siteId), eq(siteLinks.siteBId, siteId))).orderBy(asc(siteLinks.latencyMs)).all();
  return { site: siteState(db, siteId), affectedGroups: groupsAffectedBySite(db, siteId), links: withGroups(db, withLiveState(db, links)) };
}

export function linkFaultView(db: DB, actor: Actor, linkId: string) {
  authorize(db, actor, 'sites:manage', { type: 'link', id: linkId });
  const link = findLink(db, linkId);
  return { link: withLiveState(db, [link])[0], affectedGroups: groupsAffectedByLink(db, link) };
}

function linkNameOf(db: Executor, link: { siteAId: string; siteBId: string }): string {
  const names = new Map(db.select({ id: sites.id, name: sites.name }).from(sites).all().map((s) => [s.id, s.name]));
  return `${names.get(link.siteAId)} ↔ ${names.get(link.siteBId)}`;
}

/**
 * E-mail events of a site or link fault: the provider's own (for staff) and one per tenant with
 * groups on it (for that tenant's people, naming its groups only).
 */
function notifyFault(tx: Executor, type: 'site.down' | 'site.up' | 'link.down' | 'link.up' | 'site.degraded', ref: Record<string, string>, what: string, affected: AffectedGroupDto[], atMs: number): void {
  const tenantNames = [...new Set(affected.map((g) => g.tenantName))];
  recordEvent(tx, {
    type, tenantId: null, occurredAt: atMs,
    payload: { ...ref, subject: what, summary: `${what}. ${affected.length} protection group(s) of ${tenantNames.length} tenant(s) affected${tenantNames.length ? `: ${tenantNames.join(', ')}` : ''}.` },
  });
  const byTenant = new Map<string, AffectedGroupDto[]>();
  for (const g of affected) byTenant.set(g.tenantId, [...(byTenant.get(g.tenantId) ?? []), g]);
  for (const [tenantId, groups] of byTenant) {
    recordEvent(tx, {
      type, tenantId, occurredAt: atMs,
      payload: { ...ref, groupIds: groups.map((g) => g.id), subject: what, summary: `${what}. Your protection groups affected: ${groups.map((g) => g.name).join(', ')}.` },
    });
  }
}

/**
 * Takes a site down or brings it back in the simulator. Idempotent: asking for the state the
 * site is already in changes nothing (and is not audited as a change).
 */
export function setSiteOutage(db: DB, actor: Actor, sim: FaultInjector, siteId: string, input: unknown) {
  authorize(db, actor, 'sites:manage', { type: 'site', id: siteId });
  const site = findSite(db, siteId);
  const { down } = parseBody(outageSchema, input);
  const wasDown = siteState(db, siteId).down;
  const affectedGroups = groupsAffectedBySite(db, siteId);
  if (wasDown !== down) {
    sim.setSiteDown(siteId, down, actor.userId);
    const atMs = sim.now();
    db.transaction((tx) => {
      notifyFault(tx, down ? 'site.down' : 'site.up', { siteId, siteName: site.name }, `Site ${site.name} ${down ? 'is down' : 'is back up'}`, affectedGroups, atMs);
      audit(tx, actor, {
        action: down ? 'site.outage.start' : 'site.outage.end',
        tenantId: null,
        targetType: 'site',
        targetId: siteId,
        simulatedTime: atMs,
        details: { site: site.name, affectedGroups: affectedGroups.length, tenants: [...new Set(affectedGroups.map((g) => g.tenantId))] },
      });
    });
  }
  return { site: siteState(db, siteId), changed: wasDown !== down, affectedGroups: groupsAffectedBySite(db, siteId) };
}

/** Cuts an inter-site link or restores it; idempotent like setSiteOutage. */
export function setLinkOutage(db: DB, actor: Actor, sim: FaultInjector, linkId: string, input: unknown) {
  authorize(db, actor, 'sites:manage', { type: 'link', id: linkId });
  const link = findLink(db, linkId);
  const { down } = parseBody(outageSchema, input);
  const wasDown = !withLiveState(db, [link])[0].up;
  const affectedGroups = groupsAffectedByLink(db, link);
  const name = linkNameOf(db, link);
  if (wasDown !== down) {
    sim.setLinkDown(linkId, down, actor.userId);
    const atMs = sim.now();
    db.transaction((tx) => {
      notifyFault(tx, down ? 'link.down' : 'link.up', { linkId, linkName: name }, `The link ${name} ${down ? 'is down' : 'is back up'}`, affectedGroups, atMs);
      audit(tx, actor, {
        action: down ? 'link.outage.start' : 'link.outage.end',
        tenantId: null,
        targetType: 'link',
        targetId: linkId,
        simulatedTime: atMs,
        details: { sites: [link.siteAId, link.siteBId], affectedGroups: affectedGroups.length },
      });
    });
  }
  return { link: withLiveState(db, [findLink(db, linkId)])[0], name, changed: wasDown !== down, affectedGroups: groupsAffectedByLink(db, link) };
}

/**
 * Degrades a site (slower storage: the share of its IOPS it still delivers; hosts down: less
 * recovery capacity) or restores it (100 %, 0 hosts). Replication to the site applies fewer IOPS,
 * so groups whose volumes there are busy build a backlog; forecasts boot on fewer hosts.
 * Idempotent like setSiteOutage. Hosts down must leave at least one host.
 */
export function setSiteDegradation(db: DB, actor: Actor, sim: DegradeInjector, siteId: string, input: unknown) {
  authorize(db, actor, 'sites:manage', { type: 'site', id: siteId });
  const site = findSite(db, siteId);
  const next = parseBody(siteDegradeSchema, input);
  if (next.hostsDown >= site.hostsTotal) {
    throw new ValidationError([{ field: 'hostsDown', message: `Hosts down must be at most ${site.hostsTotal - 1} hosts: ${site.name} has ${site.hostsTotal} and keeps one.` }]);
  }
  const before = { storageIopsPercent: site.storageIopsPercent, hostsDown: site.hostsDown };
  const changed = before.storageIopsPercent !== next.storageIopsPercent || before.hostsDown !== next.hostsDown;
  const affectedGroups = groupsAffectedBySite(db, siteId);
  if (changed) {
    sim.setSiteDegraded(siteId, next);
    const atMs = sim.now();
    const degraded = isDegraded(next);
    const what = degraded
      ? `Site ${site.name} is degraded: storage at ${next.storageIopsPercent}% of its IOPS, ${next.hostsDown} of ${site.hostsTotal} hosts down`
      : `Site ${site.name} is no longer degraded`;
    db.transaction((tx) => {
      notifyFault(tx, 'site.degraded', { siteId, siteName: site.name, degraded: String(degraded) }, what, affectedGroups, atMs);
      audit(tx, actor, {
        action: degraded ? 'site.degrade' : 'site.degrade.end',
        tenantId: null,
        targetType: 'site',
        targetId: siteId,
        simulatedTime: atMs,
        details: { site: site.name, before, after: next, hostsTotal: site.hostsTotal, affectedGroups: affectedGroups.length },
      });
    });
  }
  return { site: siteState(db, siteId), degradation: siteDegradationOf(db, siteId), changed, affectedGroups };
}

/** A site's degradation as staff set it, with what is left. */
export function siteDegradationOf(db: Executor, siteId: string) {
  const s = findSite(db, siteId);
  return {
    storageIopsPercent: s.storageIopsPercent, hostsTotal: s.hostsTotal, hostsDown: s.hostsDown,
    degraded: isDegraded({ storageIopsPercent: s.storageIopsPercent, hostsDown: s.hostsDown }),
  };
}
