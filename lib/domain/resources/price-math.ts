/**
 * The recovery price of the service description (seed 2.1): 20 % of the ACTUAL production usage
 * of the protected VMs — their CPU, memory and disks summed, not the vDC allocations — priced
 * at the unit prices staff set for the tenant, per month. Pure arithmetic.
 */
export const RECOVERY_PRICE_RATIO = 0.2;

export type Usage = { vcpuGhz: number; memoryGb: number; storageGb: number };
export type UnitPrices = { vcpuGhz: number; memoryGb: number; storageGb: number };
export type ProtectedVm = { cpuGhz: number; memoryGb: number; diskGb: number[] };

export const PRICE_RESOURCES = ['vcpuGhz', 'memoryGb', 'storageGb'] as const;
export const PRICE_LABEL: Record<(typeof PRICE_RESOURCES)[number], { label: string; unit: string }> = {
  vcpuGhz: { label: 'vCPU', unit: 'GHz' },
  memoryGb: { label: 'Memory', unit: 'GB' },
  storageGb: { label: 'Storage', unit: 'GB' },
};

export type PriceLine = {
  resource: (typeof PRICE_RESOURCES)[number];
  /** Production usage of the protected VMs. */
  usage: number;
  /** Billable units: 20 % of the usage. */
  units: number;
  /** Price of one unit a month, minor currency units. */
  unitPriceCents: number;
  monthlyCents: number;
};

export type PriceEstimate = { ratio: number; vmCount: number; usage: Usage; lines: PriceLine[]; monthlyCents: number };

const round2 = (n: number) => Math.round(n * 100) / 100;

export function usageOf(vmsList: ProtectedVm[]): Usage {
  return vmsList.reduce<Usage>(
    (u, v) => ({ vcpuGhz: u.vcpuGhz + v.cpuGhz, memoryGb: u.memoryGb + v.memoryGb, storageGb: u.storageGb + v.diskGb.reduce((a, b) => a + b, 0) }),
    { vcpuGhz: 0, memoryGb: 0, storageGb: 0 },
  );
}

/** Monthly estimate: per resource, 20 % of usage × unit price, rounded to the minor unit. */
export function recoveryPrice(vmsList: ProtectedVm[], prices: UnitPrices): PriceEstimate {
  return priceFromUsage(usageOf(vmsList), prices, vmsList.length);
}

/** The same estimate from usage already summed (the staff pricing form previews new unit prices with it). */
export function priceFromUsage(raw: Usage, prices: UnitPrices, vmCount: number): PriceEstimate {
  const usage = { vcpuGhz: round2(raw.vcpuGhz), memoryGb: round2(raw.memoryGb), storageGb: round2(raw.storageGb) };
  const lines = PRICE_RESOURCES.map((resource) => {
    const units = round2(usage[resource] * RECOVERY_PRICE_RATIO);
    return { resource, usage: usage[resource], units, unitPriceCents: prices[resource], monthlyCents: Math.round(units * prices[resource]) };
  });
  return { ratio: RECOVERY_PRICE_RATIO, vmCount, usage, lines, monthlyCents: lines.reduce((a, l) => a + l.monthlyCents, 0) };
}
