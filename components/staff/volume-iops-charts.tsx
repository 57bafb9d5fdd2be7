'use client';

import { ChartFrame } from '@/components/charts/chart-frame';
import { ChartLegend } from '@/components/charts/chart-legend';
import { APPLIED_IOPS_COLOR, IOPS_CAP_COLOR, IopsChart, WRITE_IOPS_COLOR } from '@/components/charts/iops-chart';
import { EmptyState } from '@/components/ui/empty-state';
import type { VolumeIopsDto } from '@/lib/domain/replication/volume-iops';
import { formatNumber } from '@/lib/format';

/** Per dedicated volume: its groups' write IOPS against what it applies, under its guarantee. */
export function VolumeIopsCharts({ volumes, siteName, fromMs, toMs }: { volumes: VolumeIopsDto[]; siteName: Record<string, string>; fromMs: number; toMs: number }) {
  if (!volumes.length) return <EmptyState icon="server" title="No volumes" />;
  return (
    <div className="grid gap-4 p-4 lg:grid-cols-2">
      {volumes.map((v) => {
        const points = v.points.map((p) => ({ t: Date.parse(p.time), writeIops: p.writeIops, appliedIops: p.appliedIops }));
        const degraded = v.effectiveIops < v.guaranteedIops;
        return (
          <div key={v.volumeId} data-testid={`volume-iops-${v.volumeId}`}>
            <p className="mb-1 text-sm font-medium">
              <span className="font-mono text-xs">{v.name}</span> · {siteName[v.siteId] ?? v.siteId} · {v.groupCount === 1 ? '1 group recovers here' : `${v.groupCount} groups recover here`}
            </p>
            {points.length === 0 ? (
              <EmptyState icon="activity" title="No IOPS samples" description="No group of this tenant replicates to this site, or none has run yet." />
            ) : (
              <ChartFrame
                testId={`volume-iops-chart-${v.volumeId}`}
                legend={
                  <ChartLegend
                    items={[
                      { label: 'Write IOPS', color: WRITE_IOPS_COLOR, mark: 'line' },
                      { label: 'Applied', color: APPLIED_IOPS_COLOR, mark: 'area' },
                      { label: `Cap ${formatNumber(v.effectiveIops)} IOPS${degraded ? ' (site degraded)' : ''}`, color: IOPS_CAP_COLOR, mark: 'dashed' },
                    ]}
                  />
                }
                summary={`Write IOPS peaked at ${formatNumber(Math.max(...points.map((p) => p.writeIops)))} against a cap of ${formatNumber(v.effectiveIops)} IOPS over the last 24 h.`}
              >
                <IopsChart points={points} fromMs={fromMs} toMs={toMs} outages={[]} capIops={v.effectiveIops} />
              </ChartFrame>
            )}
          </div>
        );
      })}
    </div>
  );
}
