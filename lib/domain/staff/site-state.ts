import 'server-only';
import { asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '@/db';
import { outages, protectionGroups, siteLinks, sites, vdcs } from '@/db/schema';
import type { LinkDto, Load, SiteLoadDto } from './dto';

/**
 * Where the sites and links stand: status, open faults and load. Reads only; the staff
 * functions that expose them authorise first.
 */

const load = (allocated: number, capacity: number): Load => ({
  allocated: Math.round(allocated * 100) / 100,
  capacity,
  percent: capacity > 0 ? Math.round((allocated / capacity) * 1000) / 10 : 0,
});

/** Sites and links with an open fault (an outage row not ended, or a status saying so). */
export function openFaults(db: Executor): { siteIds: string[]; linkIds: string[] } {
  const rows = db.select({ siteId: outages.siteId, linkId: outages.linkId }).from(outages).where(isNull(outages.endedAt)).all();
  const downLinks = db.select({ id: siteLinks.id }).from(siteLinks).where(eq(siteLinks.up, false)).all();
  const offline = db.select({ id: sites.id }).from(sites).where(eq(sites.status, 'offline')).all();
  return {
    siteIds: [...new Set([...rows.flatMap((r) => (r.siteId ? [r.siteId] : [])), ...offline.map((s) => s.id)])],
    linkIds: [...new Set([...rows.flatMap((r) => (r.linkId ? [r.linkId] : [])), ...downLinks.map((l) => l.id)])],
  };
}

/** The eight sites with status, open fault and load: allocated vDC resources against capacity. */
export function sitesWithLoad(db: Executor): SiteLoadDto[] {
  const allVdcs = db.select({ siteId: vdcs.siteId, ghz: vdcs.vcpuGhz, mem: vdcs.memoryGb, stor: vdcs.storageGb }).from(vdcs).all();
  const groups = db.select({ s: protectionGroups.sourceSiteId, t: protectionGroups.targetSiteId }).from(protectionGroups).all();
  const faulted = new Set(openFaults(db).siteIds);
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
        down: faulted.has(s.id),
        load: { vcpuGhz: load(total('ghz'), s.capacityVcpuGhz), memoryGb: load(total('mem'), s.capacityMemoryGb), storageGb: load(total('stor'), s.capacityStorageGb) },
        vdcCount: here.length,
        groupCount: groups.filter((g) => g.s === s.id || g.t === s.id).length,
      };
    });
}

/**
 * A link is down when its row says so or a fault on it is still open: the runtime owns both,
 * and reading either keeps the console right whichever it writes first.
 */
export function withLiveState(db: Executor, links: (typeof siteLinks.$inferSelect)[]): LinkDto[] {
  const open = new Set(openFaults(db).linkIds);
  return links.map((l) => ({ ...l, up: l.up && !open.has(l.id) }));
}
