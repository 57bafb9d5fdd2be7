/**
 * The service description prices a recovery vDC at 20% of the production usage it protects,
 * per resource. Pure arithmetic, shared by the staff pricing view and its tests.
 */
import 'server-only';
export const RECOVERY_PRICE_RATIO = 0.2;

export type Resources = { vcpuGhz: number; memoryGb: number; storageGb: number };

export const RESOURCE_KEYS = ['vcpuGhz', 'memoryGb', 'storageGb'] as const satisfies readonly (keyof Resources)[];

export const ZERO_RESOURCES: Resources = { vcpuGhz: 0, memoryGb: 0, storageGb: 0 };

export function addResources(a: Resources, b: Resources): Resources {
  return { vcpuGhz: a.vcpuGhz + b.vcpuGhz, memoryGb: a.memoryGb + b.memoryGb, storageGb: a.storageGb + b.storageGb };
}

// Two decimals is finer than any unit we bill (0.01 GHz, 0.01 GB) and avoids 0.1+0.2 noise.
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Billable units of the recovery vDC: 20% of each production figure. */
export function recoveryPriceUnits(production: Resources): Resources {
  return {
    vcpuGhz: round2(production.vcpuGhz * RECOVERY_PRICE_RATIO),
    memoryGb: round2(production.memoryGb * RECOVERY_PRICE_RATIO),
    storageGb: round2(production.storageGb * RECOVERY_PRICE_RATIO),
  };
}

export type PricingLine = {
  resource: keyof Resources;
  /** Production usage: the tenant's production vDC allocations, summed over sites. */
  production: number;
  /** Recovery capacity held in reserve for failover (what the tenant gets). */
  recoveryReserved: number;
  /** What the recovery reservation is billed as: 20% of production. */
  recoveryPriceUnits: number;
};

/** One line per resource, in a fixed order, so tables and CSVs line up. */
export function pricingLines(production: Resources, recoveryReserved: Resources): PricingLine[] {
  const price = recoveryPriceUnits(production);
  return RESOURCE_KEYS.map((resource) => ({
    resource,
    production: round2(production[resource]),
    recoveryReserved: round2(recoveryReserved[resource]),
    recoveryPriceUnits: price[resource],
  }));
}
