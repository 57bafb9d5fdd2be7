/** Small, explicit engine set-ups for tests and benchmarks (no database). */
import { Engine } from './engine';
import type { EngineEvent, GroupConfig, LinkConfig, SiteConfig, VmConfig } from './types';

export const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

export const SITES: SiteConfig[] = [
  { id: 'london', name: 'London' },
  { id: 'zurich', name: 'Zurich' },
  { id: 'jersey', name: 'Jersey' },
  { id: 'guernsey', name: 'Guernsey' },
];

export const LINKS: LinkConfig[] = [
  { id: 'london--zurich', siteAId: 'london', siteBId: 'zurich', latencyMs: 12, capacityMbps: 10_000 },
  { id: 'guernsey--jersey', siteAId: 'guernsey', siteBId: 'jersey', latencyMs: 5, capacityMbps: 10_000 },
  { id: 'jersey--london', siteAId: 'jersey', siteBId: 'london', latencyMs: 6, capacityMbps: 10_000 },
];

export function vm(id: string, extra: Partial<VmConfig> = {}): VmConfig {
  return {
    id, name: id, diskGb: 100, writeMeanMBps: 0.2, writePeakFactor: 3, writePeakHourUtc: 14, burstiness: 0.25,
    continuousWriter: false, agentInstalled: false, synced: true, ...extra,
  };
}

/** A VM writing exactly its mean (no daily cycle, no jitter, no bursts), so volumes can be worked out by hand. */
export function steady(id: string, mbps: number, extra: Partial<VmConfig> = {}): VmConfig {
  return vm(id, { writeMeanMBps: mbps, writePeakFactor: 1, burstiness: 0, ...extra });
}

export function group(id: string, extra: Partial<GroupConfig> = {}): GroupConfig {
  return {
    id, tenantId: 'ten_a', name: id, sourceSiteId: 'london', targetSiteId: 'zurich', priority: 'medium', rpoTargetSeconds: 300,
    journalHistoryHours: 24, journalLimitGb: 1000, appCheckpointMinutes: 60, lastTestedAtMs: T0 - 30 * 86_400_000, createdAtMs: T0 - 86_400_000,
    members: [vm(`${id}-vm1`), vm(`${id}-vm2`)], ...extra,
  };
}

export function engine({ seed = 1, startMs = T0, tenantMbps = 400 } = {}): Engine {
  return new Engine({ seed, startMs, sites: SITES, links: LINKS, tenants: [{ id: 'ten_a', interSiteMbps: tenantMbps }, { id: 'ten_b', interSiteMbps: tenantMbps }] });
}

/** Events of one type, typed. */
export const ofType = <K extends EngineEvent['type']>(events: EngineEvent[], type: K) => events.filter((e): e is Extract<EngineEvent, { type: K }> => e.type === type);

/** Runs `seconds` in steps of `dt`, returning every event. */
export function run(e: Engine, seconds: number, dt = 1): EngineEvent[] {
  const events: EngineEvent[] = [];
  for (let t = 0; t < seconds; t += dt) events.push(...e.step(dt));
  return events;
}
