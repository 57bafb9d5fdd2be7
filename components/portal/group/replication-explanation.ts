import type { GroupStatus, LimitReasonCode } from '@/lib/schemas/groups';
import type { RecoveryVolumeDto } from '@/lib/domain/core/dto';
import { formatDuration, formatMBps, formatNumber, formatPercent } from '@/lib/format';
import { analyseTraffic, type TrafficSample } from './traffic-analysis';

export type ExplainedSample = TrafficSample & { rpoSeconds: number; writeIops?: number; appliedIops?: number };
export type ChartOutage = { fromMs: number; toMs: number; label: string; ongoing: boolean };

export type ReplicationExplanation = {
  kind: 'outage' | 'initial-sync' | 'reverse-sync' | 'iops' | 'bandwidth' | 'over-target' | 'healthy';
  tone: 'success' | 'warning' | 'danger';
  text: string;
};

type Input = {
  samples: ExplainedSample[];
  outages: ChartOutage[];
  status: GroupStatus;
  targetSeconds: number;
  targetSiteName: string;
  /** The group's current rates, as its summary shows them (an initial sync has no samples yet). */
  now: TrafficSample;
  /** The tenant's recovery volume at the target site (its guaranteed IOPS cap what the group applies). */
  volume?: RecoveryVolumeDto | null;
  /** What holds the group back now, as the engine says (GET /groups/{id}/rpo). */
  limitReason?: LimitReasonCode | null;
};

/** Writes above what was applied by more than this (5 %) count as waiting at the source. */
const BEHIND = 1.05;

/**
 * The recovery volume's guaranteed IOPS as the bottleneck: the engine says so now, or in most
 * samples where writes waited the group applied (nearly) the whole volume's IOPS. Bandwidth is
 * then not the cause, though the WAN line sits below the writes just the same.
 */
function iopsBottleneck(samples: ExplainedSample[], volume: RecoveryVolumeDto | null | undefined, limitReason: LimitReasonCode | null | undefined, targetSiteName: string) {
  if (!volume) return null;
  const behind = samples.filter((s) => (s.writeIops ?? 0) > (s.appliedIops ?? 0) * BEHIND && (s.writeIops ?? 0) > 1);
  const atCap = behind.filter((s) => (s.appliedIops ?? 0) >= volume.effectiveIops * 0.95);
  const now = limitReason === 'iops-limited';
  if (!now && (behind.length === 0 || atCap.length < Math.max(2, behind.length * 0.5))) return null;
  const peakWrites = samples.reduce((m, s) => Math.max(m, s.writeIops ?? 0), 0);
  const peakApplied = samples.reduce((m, s) => Math.max(m, s.appliedIops ?? 0), 0);
  const share = samples.length ? behind.length / samples.length : 0;
  const degraded = volume.storageIopsPercent < 100 ? ` (guaranteed ${formatNumber(volume.guaranteedIops)}; ${targetSiteName}'s storage is degraded to ${volume.storageIopsPercent} %)` : ' guaranteed';
  const period = behind.length ? ` For ${formatPercent(share * 100, share < 0.1 ? 1 : 0)} of this period writes waited at the source, and the backlog is the RPO.` : ' Writes wait at the source, and the backlog is the RPO.';
  return {
    share,
    text:
      `The recovery volume's IOPS are the bottleneck${now ? ' now' : ''}, not the link: writes peaked at ${formatNumber(peakWrites)} IOPS, but ${volume.name} applies at most ${formatNumber(volume.effectiveIops)} IOPS${degraded}, ` +
      `shared by your groups replicating to ${targetSiteName} (this group applied up to ${formatNumber(peakApplied)} IOPS).${period} More bandwidth would not help: ask for more guaranteed IOPS on the volume (Resources → Request more) or move the heaviest writer out of its busy window.`,
  };
}

/**
 * The words under the replication charts, chosen from the same figures the charts draw (the
 * series' worst RPO, its peaks, the shaded outages) and the group's state, so the text can never
 * say "RPO stays at a few seconds" beside a chart at 2 h. Precedence: a fault in the period, an
 * initial or reverse sync in progress, writes outrunning the recovery volume's guaranteed IOPS,
 * writes outrunning the link, an RPO over target for another
 * reason, healthy. An initial sync is said from the group's current rates: samples carry an
 * RPO, so none are kept before the first consistent copy.
 */
export function explainReplication({ samples, outages, status, targetSeconds, targetSiteName, now, volume, limitReason }: Input): ReplicationExplanation | null {
  if (status === 'initialising' && outages.length === 0) {
    return {
      kind: 'initial-sync',
      tone: 'warning',
      text: `Initial sync: the link is sending whole disks to ${targetSiteName} (WAN traffic now ${formatMBps(now.wanMBps)}) as well as new writes (${formatMBps(now.throughputMBps)}). There is no recovery point, and so no RPO to chart, until the first copy is complete; the backlog at source counts what is left to send.`,
    };
  }
  if (samples.length < 2 && outages.length === 0) return null;
  const worst = samples.reduce((m, s) => Math.max(m, s.rpoSeconds), 0);
  const peakWan = samples.reduce((m, s) => Math.max(m, s.wanMBps), 0);
  const peakWrites = samples.reduce((m, s) => Math.max(m, s.throughputMBps), 0);
  const over = worst > targetSeconds;
  const target = formatDuration(targetSeconds);
  const rpoWords = `the RPO reached ${formatDuration(worst)}${over ? `, over the ${target} target` : ` (target ${target})`}`;

  if (outages.length > 0) {
    const downMs = outages.reduce((sum, o) => sum + (o.toMs - o.fromMs), 0);
    const names = [...new Set(outages.map((o) => o.label))].join('; ');
    const ongoing = outages.some((o) => o.ongoing);
    return {
      kind: 'outage',
      tone: over || ongoing ? 'danger' : 'warning',
      text: `${names}: replication was paused for ${formatDuration(downMs / 1000)} in this period${ongoing ? ' and still is' : ''} (shaded). Nothing could be sent meanwhile, so ${rpoWords}; it falls back once the fault clears and the backlog has drained.`,
    };
  }
  if (status === 'reverse-replicating') {
    return {
      kind: 'reverse-sync',
      tone: over ? 'danger' : 'warning',
      text: `Reverse delta sync after the failover: the link is sending the differences back to ${targetSiteName} (WAN traffic up to ${formatMBps(peakWan)}). ${targetSiteName} holds nothing newer than the reversal until it completes, so the RPO grows meanwhile: ${rpoWords}.`,
    };
  }
  const iops = iopsBottleneck(samples, volume, limitReason, targetSiteName);
  if (iops) return { kind: 'iops', tone: over || iops.share > 0.05 ? 'danger' : 'warning', text: `${iops.text} In this period ${rpoWords}.` };
  const traffic = analyseTraffic(samples);
  if (traffic && traffic.tone !== 'success') return { kind: 'bandwidth', tone: over ? 'danger' : traffic.tone, text: `${traffic.text} In this period ${rpoWords}.` };
  if (over) {
    return {
      kind: 'over-target',
      tone: 'danger',
      text: `WAN traffic kept up with writes, yet ${rpoWords}: replication was held up by something other than bandwidth, such as a pause or a fault.`,
    };
  }
  return {
    kind: 'healthy',
    tone: 'success',
    text: `WAN traffic kept up with writes (peak ${formatMBps(peakWrites)}): nothing waited at the source, and the RPO stayed at ${formatDuration(worst)} or less against a target of ${target}.`,
  };
}
