/**
 * A site degraded by staff, as stored: the share of storage IOPS it still delivers, hosts down,
 * and its status ('degraded' while either applies; an offline site stays offline).
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db';
import { sites } from '@/db/schema';
import type { SiteDegradation } from './contract';

export const isDegraded = (d: SiteDegradation): boolean => d.storageIopsPercent < 100 || d.hostsDown > 0;

export function writeDegradation(tx: Executor, siteId: string, d: SiteDegradation): void {
  const site = tx.select({ status: sites.status }).from(sites).where(eq(sites.id, siteId)).get();
  const status = site?.status === 'offline' ? 'offline' : isDegraded(d) ? 'degraded' : 'online';
  tx.update(sites).set({ storageIopsPercent: d.storageIopsPercent, hostsDown: d.hostsDown, status }).where(eq(sites.id, siteId)).run();
}
