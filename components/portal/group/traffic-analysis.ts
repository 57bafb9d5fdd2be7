import { formatMBps, formatPercent } from '@/lib/format';

export type TrafficSample = { throughputMBps: number; wanMBps: number };

export type TrafficVerdict = {
  tone: 'success' | 'warning' | 'danger';
  /** Share of samples where writes outran the link (0..1). */
  overShare: number;
  /** WAN traffic level at which the line is flat-topped, when it is. */
  capMBps: number | null;
  text: string;
};

/** Writes above WAN traffic by more than this (5 %) count as the link falling behind. */
const OVER = 1.05;

/**
 * Explains the throughput and WAN graphs the way an operator reasons about them: writes above
 * what the link carries grow the backlog, and the backlog is the RPO; a WAN line that keeps
 * hitting the same ceiling while writes are higher is a bandwidth cap clipping it.
 */
export function analyseTraffic(samples: TrafficSample[]): TrafficVerdict | null {
  if (samples.length < 2) return null;
  const over = samples.filter((s) => s.throughputMBps > s.wanMBps * OVER && s.throughputMBps > 0.01);
  const overShare = over.length / samples.length;
  const wanMax = Math.max(...samples.map((s) => s.wanMBps));
  const atCeiling = over.filter((s) => s.wanMBps >= wanMax * 0.97);
  const capMBps = wanMax > 0 && atCeiling.length >= Math.max(2, over.length * 0.5) ? wanMax : null;
  const peak = Math.max(...samples.map((s) => s.throughputMBps));

  if (over.length === 0) {
    return {
      tone: 'success',
      overShare,
      capMBps: null,
      // What that means for the RPO is said from the RPO series itself (replication-explanation.ts).
      text: `WAN traffic kept up with writes (peak ${formatMBps(peak)}).`,
    };
  }
  const share = formatPercent(overShare * 100, overShare < 0.1 ? 1 : 0);
  const cap = capMBps != null ? ` The WAN line is flat at ${formatMBps(capMBps)} while writes are higher: a bandwidth cap is clipping it — raise the tenant's inter-site bandwidth, lower this group's competition (priority) or move the heavy writer out of its busy window.` : '';
  return {
    tone: overShare > 0.05 ? 'danger' : 'warning',
    overShare,
    capMBps,
    text: `Writes (peak ${formatMBps(peak)}) were above what the link carried for ${share} of this period. Throughput above WAN capacity grows the backlog at the source, and the backlog is the RPO: it grows until writes fall below the link again.${cap}`,
  };
}
