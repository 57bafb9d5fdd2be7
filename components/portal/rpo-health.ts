import type { Tone } from '@/components/ui/tone';

/** From this share of the target the RPO is "near target": amber before it turns red. */
export const RPO_NEAR_TARGET = 0.8;

export type RpoHealth = { tone: Tone; label: string; ratio: number | null };

/** The actual RPO against its alert target: green, amber near it, red over it. */
export function rpoHealth(rpoSeconds: number | null, targetSeconds: number): RpoHealth {
  if (rpoSeconds == null) return { tone: 'neutral', label: 'Not measured yet', ratio: null };
  const ratio = rpoSeconds / targetSeconds;
  if (ratio > 1) return { tone: 'danger', label: 'Over target', ratio };
  if (ratio >= RPO_NEAR_TARGET) return { tone: 'warning', label: 'Near target', ratio };
  return { tone: 'success', label: 'Within target', ratio };
}
