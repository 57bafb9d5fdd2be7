import { describe, expect, it } from 'vitest';
import { analyseTraffic } from './traffic-analysis';

describe('analyseTraffic', () => {
  it('needs at least two samples', () => {
    expect(analyseTraffic([{ throughputMBps: 1, wanMBps: 1 }])).toBeNull();
  });

  it('is green when the link keeps up', () => {
    const v = analyseTraffic(Array.from({ length: 10 }, () => ({ throughputMBps: 2, wanMBps: 2 })));
    expect(v).toMatchObject({ tone: 'success', overShare: 0, capMBps: null });
  });

  it('names a flat-topped WAN line as a cap and says throughput above it grows the RPO', () => {
    const samples = [
      ...Array.from({ length: 6 }, () => ({ throughputMBps: 5, wanMBps: 5 })),
      ...Array.from({ length: 4 }, () => ({ throughputMBps: 40, wanMBps: 25 })),
    ];
    const v = analyseTraffic(samples)!;
    expect(v.tone).toBe('danger');
    expect(v.overShare).toBeCloseTo(0.4);
    expect(v.capMBps).toBe(25);
    expect(v.text).toMatch(/grows the backlog/);
    expect(v.text).toMatch(/flat at 25 MB\/s/);
  });
});
