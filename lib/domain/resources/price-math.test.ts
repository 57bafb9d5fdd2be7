import { describe, expect, it } from 'vitest';
import { priceFromUsage, recoveryPrice, usageOf } from './price-math';

const prices = { vcpuGhz: 1500, memoryGb: 500, storageGb: 15 };

describe('recovery price from the protected VMs\' usage', () => {
  it('sums CPU, memory and every disk of the protected VMs', () => {
    expect(usageOf([{ cpuGhz: 4.8, memoryGb: 8, diskGb: [60] }, { cpuGhz: 19.2, memoryGb: 64, diskGb: [100, 800, 200] }])).toEqual({ vcpuGhz: 24, memoryGb: 72, storageGb: 1160 });
  });

  it('prices 20 % of the usage at the tenant\'s unit prices, worked by hand', () => {
    // Two VMs: 4.8 + 19.2 = 24 GHz, 8 + 64 = 72 GB, 60 + 1,100 = 1,160 GB.
    // 20 %: 4.8 GHz × £15.00 = £72.00; 14.4 GB × £5.00 = £72.00; 232 GB × £0.15 = £34.80. Total £178.80.
    const p = recoveryPrice([{ cpuGhz: 4.8, memoryGb: 8, diskGb: [60] }, { cpuGhz: 19.2, memoryGb: 64, diskGb: [100, 800, 200] }], prices);
    expect(p.lines).toEqual([
      { resource: 'vcpuGhz', usage: 24, units: 4.8, unitPriceCents: 1500, monthlyCents: 7200 },
      { resource: 'memoryGb', usage: 72, units: 14.4, unitPriceCents: 500, monthlyCents: 7200 },
      { resource: 'storageGb', usage: 1160, units: 232, unitPriceCents: 15, monthlyCents: 3480 },
    ]);
    expect(p).toMatchObject({ ratio: 0.2, vmCount: 2, monthlyCents: 17880 });
  });

  it('rounds each line to the penny: 2.4 GHz × 20 % = 0.48 units × 333 p = 159.84 → 160 p', () => {
    expect(recoveryPrice([{ cpuGhz: 2.4, memoryGb: 0, diskGb: [] }], { vcpuGhz: 333, memoryGb: 1, storageGb: 1 }).lines[0].monthlyCents).toBe(160);
  });

  it('nothing protected costs nothing', () => {
    expect(recoveryPrice([], prices)).toMatchObject({ vmCount: 0, monthlyCents: 0, usage: { vcpuGhz: 0, memoryGb: 0, storageGb: 0 } });
  });

  it('prices usage already summed exactly as the VMs it came from (the staff form previews with it)', () => {
    const vmsList = [{ cpuGhz: 4.8, memoryGb: 8, diskGb: [60] }, { cpuGhz: 19.2, memoryGb: 64, diskGb: [100, 800, 200] }];
    const at = { vcpuGhz: 2000, memoryGb: 250, storageGb: 9 };
    expect(priceFromUsage(usageOf(vmsList), at, 2)).toEqual(recoveryPrice(vmsList, at));
    // 4.8 × 2,000 = 9,600; 14.4 × 250 = 3,600; 232 × 9 = 2,088: 15,288 p.
    expect(priceFromUsage(recoveryPrice(vmsList, prices).usage, at, 2).monthlyCents).toBe(15288);
  });
});
