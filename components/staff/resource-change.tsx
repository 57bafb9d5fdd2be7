import { RESOURCES, formatResource } from '@/lib/format-resources';
import type { ResourceDelta } from '@/lib/domain/staff/dto';

/** "+128 GB memory, +20 GHz vCPU" (a shrink reads with minus signs). */
export function describeChange(change: ResourceDelta | null): string {
  if (!change) return '';
  return RESOURCES.filter(([k]) => change[k])
    .map(([k]) => {
      const v = change[k] ?? 0;
      return `${v > 0 ? '+' : '−'}${formatResource(k, Math.abs(v))}`;
    })
    .join(', ');
}

export const KIND_LABEL = { 'grow-resources': 'Grow resources', 'shrink-resources': 'Shrink resources', other: 'Other' } as const;
