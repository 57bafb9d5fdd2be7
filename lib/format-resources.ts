import { formatNumber } from './format';

/** The reserved resources of a vDC, in the order and words the portal shows them. */
export const RESOURCES = [
  ['vcpuGhz', 'GHz vCPU'],
  ['memoryGb', 'GB memory'],
  ['storageGb', 'GB storage'],
  ['guaranteedIops', 'IOPS'],
] as const;

export type ResourceKey = (typeof RESOURCES)[number][0];
const UNIT = Object.fromEntries(RESOURCES) as Record<ResourceKey, string>;

/** 10000 storageGb → "10,000 GB storage"; 2.5 vcpuGhz → "2.5 GHz vCPU". */
export function formatResource(key: ResourceKey, value: number): string {
  return `${formatNumber(value, Number.isInteger(value) ? 0 : 1)} ${UNIT[key]}`;
}

/** A vDC's reservation in one line: "48 GHz vCPU, 512 GB memory, 10,000 GB storage, 5,000 IOPS". */
export function formatReservation(r: Record<ResourceKey, number>): string {
  return RESOURCES.map(([key]) => formatResource(key, r[key])).join(', ');
}
