import { formatNumber } from '@/lib/format';
import type { ResourceDelta } from '@/lib/domain/staff/dto';

const PARTS: [keyof ResourceDelta, string][] = [
  ['vcpuGhz', 'GHz vCPU'],
  ['memoryGb', 'GB memory'],
  ['storageGb', 'GB storage'],
  ['guaranteedIops', 'IOPS'],
];

/** "+128 GB memory, +20 GHz vCPU" (a shrink reads with minus signs). */
export function describeChange(change: ResourceDelta | null): string {
  if (!change) return '';
  return PARTS.filter(([k]) => change[k])
    .map(([k, unit]) => {
      const v = change[k] ?? 0;
      return `${v > 0 ? '+' : '−'}${formatNumber(Math.abs(v), Number.isInteger(v) ? 0 : 1)} ${unit}`;
    })
    .join(', ');
}

export const KIND_LABEL = { 'grow-resources': 'Grow resources', 'shrink-resources': 'Shrink resources', other: 'Other' } as const;
