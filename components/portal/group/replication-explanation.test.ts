import { describe, expect, it } from 'vitest';
import { explainReplication, type ExplainedSample } from './replication-explanation';

const HOUR = 3600_000;
const steady = (rpoSeconds: number, throughputMBps = 0.4, wanMBps = 0.4): ExplainedSample[] => Array.from({ length: 10 }, () => ({ rpoSeconds, throughputMBps, wanMBps }));
const base = { outages: [], status: 'meeting-sla' as const, targetSeconds: 300, targetSiteName: 'Zurich', now: { throughputMBps: 0.4, wanMBps: 0.4 } };

describe('the explanation under the replication charts', () => {
  it('during an outage names the fault and the RPO the chart shows, never "a few seconds"', () => {
    const samples = [...steady(6), { rpoSeconds: 8580, throughputMBps: 0.4, wanMBps: 0 }];
    const e = explainReplication({ ...base, samples, status: 'paused', outages: [{ fromMs: 0, toMs: 2 * HOUR, label: 'Site Zurich offline', ongoing: true }] })!;
    expect(e.kind).toBe('outage');
    expect(e.tone).toBe('danger');
    expect(e.text).toMatch(/^Site Zurich offline: replication was paused for 2 h in this period and still is/);
    expect(e.text).toContain('the RPO reached 2 h 23 m, over the 5 m target');
    expect(e.text).not.toMatch(/kept up|few seconds/);
  });

  it('during an initial sync says there is no recovery point yet and what the link carries', () => {
    // No samples yet (they carry an RPO): the text uses the rates the summary shows.
    const e = explainReplication({ ...base, samples: [], status: 'initialising', now: { throughputMBps: 1.5, wanMBps: 49.3 } })!;
    expect(e.kind).toBe('initial-sync');
    expect(e.text).toMatch(/^Initial sync: the link is sending whole disks to Zurich \(WAN traffic now 49.3 MB\/s\) as well as new writes \(1.5 MB\/s\)/);
    expect(e.text).toContain('no recovery point, and so no RPO to chart, until the first copy is complete');
  });

  it('during a reverse sync gives the growing RPO against its target', () => {
    const e = explainReplication({ ...base, samples: [...steady(60, 0.3, 20), { rpoSeconds: 19 * 60, throughputMBps: 0.3, wanMBps: 20 }], status: 'reverse-replicating', targetSiteName: 'London' })!;
    expect(e.kind).toBe('reverse-sync');
    expect(e.tone).toBe('danger');
    expect(e.text).toContain('sending the differences back to London');
    expect(e.text).toContain('the RPO reached 19 m, over the 5 m target');
  });

  it('when healthy says the worst RPO the chart shows', () => {
    const e = explainReplication({ ...base, samples: [...steady(6), { rpoSeconds: 11, throughputMBps: 0.9, wanMBps: 0.9 }] })!;
    expect(e).toEqual({
      kind: 'healthy',
      tone: 'success',
      text: 'WAN traffic kept up with writes (peak 0.9 MB/s): nothing waited at the source, and the RPO stayed at 11 s or less against a target of 5 m.',
    });
  });

  it('blames the bandwidth when writes outran the link, and something else when they did not', () => {
    const capped = [...steady(20, 5, 5), ...Array.from({ length: 4 }, () => ({ rpoSeconds: 900, throughputMBps: 40, wanMBps: 25 }))];
    expect(explainReplication({ ...base, samples: capped })).toMatchObject({ kind: 'bandwidth', tone: 'danger' });
    expect(explainReplication({ ...base, samples: [...steady(6), { rpoSeconds: 700, throughputMBps: 0.4, wanMBps: 0.4 }] })).toMatchObject({ kind: 'over-target', tone: 'danger' });
  });
});

describe('the IOPS-limited case', () => {
  const volume = { name: 'acme-zurich-ssd01', siteId: 'zurich', guaranteedIops: 2000, effectiveIops: 2000, storageIopsPercent: 100 };
  // Writes at 3,000 IOPS, the group applying the volume's whole 2,000: the WAN line is below the writes too.
  const capped = (n: number): ExplainedSample[] => Array.from({ length: n }, (_, i) => ({ rpoSeconds: 60 + i * 120, throughputMBps: 12, wanMBps: 8, writeIops: 3000, appliedIops: 2000 }));
  const calm = (n: number): ExplainedSample[] => Array.from({ length: n }, () => ({ rpoSeconds: 6, throughputMBps: 2, wanMBps: 2, writeIops: 500, appliedIops: 500 }));

  it('names the volume, its guaranteed IOPS and the peak write IOPS, not the bandwidth', () => {
    const e = explainReplication({ ...base, samples: [...calm(6), ...capped(4)], volume })!;
    expect(e.kind).toBe('iops');
    expect(e.tone).toBe('danger');
    expect(e.text).toContain("The recovery volume's IOPS are the bottleneck, not the link: writes peaked at 3,000 IOPS, but acme-zurich-ssd01 applies at most 2,000 IOPS guaranteed, shared by your groups replicating to Zurich (this group applied up to 2,000 IOPS).");
    expect(e.text).toContain('For 40 % of this period writes waited at the source, and the backlog is the RPO.');
    expect(e.text).toContain('the RPO reached 7 m, over the 5 m target');
    expect(e.text).not.toMatch(/bandwidth cap/);
  });

  it('says the degraded site and both figures when the storage is degraded', () => {
    const e = explainReplication({ ...base, samples: [...calm(6), ...capped(4).map((s) => ({ ...s, appliedIops: 1000 }))], volume: { ...volume, effectiveIops: 1000, storageIopsPercent: 50 } })!;
    expect(e.kind).toBe('iops');
    expect(e.text).toContain("applies at most 1,000 IOPS (guaranteed 2,000; Zurich's storage is degraded to 50 %)");
  });

  it('trusts the engine when it says iops-limited now, even with the group getting a share of the volume', () => {
    const shared = capped(3).map((s) => ({ ...s, appliedIops: 900 }));
    expect(explainReplication({ ...base, samples: [...calm(7), ...shared], volume })!.kind).toBe('bandwidth');
    const e = explainReplication({ ...base, samples: [...calm(7), ...shared], volume, limitReason: 'iops-limited' })!;
    expect(e.kind).toBe('iops');
    expect(e.text).toMatch(/^The recovery volume's IOPS are the bottleneck now, not the link/);
  });

  it('stays with the bandwidth explanation when the link holds writes back below the volume cap', () => {
    const linkBound = Array.from({ length: 10 }, () => ({ rpoSeconds: 400, throughputMBps: 12, wanMBps: 8, writeIops: 3000, appliedIops: 2000 }));
    expect(explainReplication({ ...base, samples: linkBound, volume: { ...volume, guaranteedIops: 10_000, effectiveIops: 10_000 } })!.kind).toBe('bandwidth');
    expect(explainReplication({ ...base, samples: linkBound, volume: null })!.kind).toBe('bandwidth');
  });
});
