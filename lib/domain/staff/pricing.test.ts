import { describe, expect, it } from 'vitest';
import { RECOVERY_PRICE_RATIO, addResources, pricingLines, recoveryPriceUnits } from './pricing';

describe('recovery vDC pricing', () => {
  it('prices the recovery vDC at 20% of production, per resource', () => {
    expect(RECOVERY_PRICE_RATIO).toBe(0.2);
    expect(recoveryPriceUnits({ vcpuGhz: 160, memoryGb: 672, storageGb: 20_000 })).toEqual({ vcpuGhz: 32, memoryGb: 134.4, storageGb: 4_000 });
  });

  it('rounds to hundredths without floating-point noise', () => {
    expect(recoveryPriceUnits({ vcpuGhz: 0.3, memoryGb: 1.1, storageGb: 0.05 })).toEqual({ vcpuGhz: 0.06, memoryGb: 0.22, storageGb: 0.01 });
  });

  it('prices on production usage, not on the recovery reservation', () => {
    const lines = pricingLines({ vcpuGhz: 100, memoryGb: 400, storageGb: 10_000 }, { vcpuGhz: 60, memoryGb: 256, storageGb: 8_000 });
    expect(lines).toEqual([
      { resource: 'vcpuGhz', production: 100, recoveryReserved: 60, recoveryPriceUnits: 20 },
      { resource: 'memoryGb', production: 400, recoveryReserved: 256, recoveryPriceUnits: 80 },
      { resource: 'storageGb', production: 10_000, recoveryReserved: 8_000, recoveryPriceUnits: 2_000 },
    ]);
  });

  it('sums resources across vDCs', () => {
    expect(addResources({ vcpuGhz: 1, memoryGb: 2, storageGb: 3 }, { vcpuGhz: 10, memoryGb: 20, storageGb: 30 })).toEqual({ vcpuGhz: 11, memoryGb: 22, storageGb: 33 });
  });
});
