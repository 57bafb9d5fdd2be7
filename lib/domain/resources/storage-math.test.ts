import { describe, expect, it } from 'vitest';
import { checkStorage, groupStorage, journalGbFor } from './storage-math';

describe('group storage', () => {
  it('sums the replica of every disk and the journal its history needs', () => {
    // Disks 60 + 120 + 200 = 380 GB. Writes 0.1 + 0.2 = 0.3 MB/s for 24 h = 25,920 MB = 25.3125 GB.
    expect(groupStorage({ diskGb: [60, 120, 200], writeMeanMBps: [0.1, 0.2], journalHistoryHours: 24, journalLimitGb: 400 })).toEqual({
      replicaGb: 380, journalGb: 25.3, totalGb: 405.3,
    });
  });

  it('caps the journal at its limit: 8 MB/s for 72 h would be 2,025 GB, the limit is 300', () => {
    expect(journalGbFor(8, 72, 300)).toBe(300);
    expect(journalGbFor(8, 72, 5000)).toBe(2025); // 8 × 72 × 3600 / 1024
  });

  it('a longer history grows the journal, up to the limit', () => {
    const base = { diskGb: [100], writeMeanMBps: [1], journalHistoryHours: 24, journalLimitGb: 200 };
    expect(groupStorage(base).journalGb).toBe(84.4); // 86,400 MB / 1024
    expect(groupStorage({ ...base, journalHistoryHours: 48 }).journalGb).toBe(168.8);
    expect(groupStorage({ ...base, journalHistoryHours: 72 }).journalGb).toBe(200);
  });

  it('an empty group takes nothing', () => {
    expect(groupStorage({ diskGb: [], writeMeanMBps: [], journalHistoryHours: 24, journalLimitGb: 100 })).toEqual({ replicaGb: 0, journalGb: 0, totalGb: 0 });
  });
});

describe('storage check', () => {
  const pools = [
    { kind: 'vdc' as const, id: 'vdc1', name: 'Acme Zurich', capacityGb: 1000, usedGb: 600 },
    { kind: 'volume' as const, id: 'vol1', name: 'acme-zurich-ssd01', capacityGb: 3000, usedGb: 2500 },
  ];

  it('fits exactly what is free, and refuses one GB more naming the numbers', () => {
    expect(checkStorage('Web', 400, pools).map((c) => c.ok)).toEqual([true, true]);
    const [vdc, vol] = checkStorage('Web', 401, pools);
    expect(vdc).toMatchObject({ ok: false, neededGb: 401, usedGb: 600, availableGb: 400, capacityGb: 1000 });
    expect(vdc.message).toBe('Web needs 401 GB (replica and journal) on the recovery vDC Acme Zurich: 600 GB of 1,000 GB used by others, 400 GB available.');
    expect(vol.ok).toBe(true);
  });

  it('an overfull pool has nothing available', () => {
    const [c] = checkStorage('Web', 1, [{ kind: 'volume', id: 'v', name: 'v', capacityGb: 100, usedGb: 150 }]);
    expect(c).toMatchObject({ availableGb: 0, ok: false });
  });
});
