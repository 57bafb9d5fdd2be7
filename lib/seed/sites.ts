import type { Executor } from '@/db/client';
import { siteLinks, sites } from '@/db/schema';

/** The eight CloudCore datacentres, with coordinates to derive realistic link latencies. */
export const SITES = [
  { id: 'jersey', name: 'Jersey', country: 'JE', timezone: 'Europe/Jersey', lat: 49.19, lon: -2.11, scale: 1 },
  { id: 'guernsey', name: 'Guernsey', country: 'GG', timezone: 'Europe/Guernsey', lat: 49.45, lon: -2.54, scale: 0.8 },
  { id: 'bermuda', name: 'Bermuda', country: 'BM', timezone: 'Atlantic/Bermuda', lat: 32.3, lon: -64.78, scale: 0.6 },
  { id: 'london', name: 'London', country: 'GB', timezone: 'Europe/London', lat: 51.51, lon: -0.13, scale: 2 },
  { id: 'singapore', name: 'Singapore', country: 'SG', timezone: 'Asia/Singapore', lat: 1.35, lon: 103.82, scale: 1.2 },
  { id: 'zurich', name: 'Zurich', country: 'CH', timezone: 'Europe/Zurich', lat: 47.38, lon: 8.54, scale: 1 },
  { id: 'toronto', name: 'Toronto', country: 'CA', timezone: 'America/Toronto', lat: 43.65, lon: -79.38, scale: 1.2 },
  { id: 'vancouver', name: 'Vancouver', country: 'CA', timezone: 'America/Vancouver', lat: 49.28, lon: -123.12, scale: 0.8 },
] as const;

/** A site's display name from its id (seed names read like the portal's, never like ids). */
export const siteNameOf = (id: string): string => SITES.find((s) => s.id === id)?.name ?? id;

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Round-trip latency: ~1 ms per 100 km of fibre plus switching, clamped to 5..150 ms. */
export function linkLatencyMs(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return Math.min(150, Math.max(5, Math.round(4 + distanceKm(a, b) / 100)));
}

export function linkId(a: string, b: string): string {
  return a < b ? `${a}--${b}` : `${b}--${a}`;
}

export function seedSites(db: Executor): void {
  for (const s of SITES) {
    db.insert(sites)
      .values({
        id: s.id,
        name: s.name,
        country: s.country,
        timezone: s.timezone,
        capacityVcpuGhz: 4000 * s.scale,
        capacityMemoryGb: 16_384 * s.scale,
        capacityStorageGb: 1_000_000 * s.scale,
      })
      .onConflictDoNothing()
      .run();
  }
  for (let i = 0; i < SITES.length; i++) {
    for (let j = i + 1; j < SITES.length; j++) {
      const [a, b] = [SITES[i], SITES[j]].sort((x, y) => x.id.localeCompare(y.id));
      db.insert(siteLinks)
        .values({ id: linkId(a.id, b.id), siteAId: a.id, siteBId: b.id, latencyMs: linkLatencyMs(a, b), capacityMbps: 10_000 })
        .onConflictDoNothing()
        .run();
    }
  }
}
