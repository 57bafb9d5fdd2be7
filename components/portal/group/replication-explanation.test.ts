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
