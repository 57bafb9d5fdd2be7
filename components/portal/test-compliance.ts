import type { IconName } from '@/components/ui/icons';
import type { Tone } from '@/components/ui/tone';

import { TEST_INTERVAL_DAYS } from '@/lib/domain/test-duty';

/** A month's notice before a test falls due, so it can be planned rather than rushed. */
export const DUE_SOON_DAYS = TEST_INTERVAL_DAYS - 30;

export type TestCompliance = {
  state: 'ok' | 'due-soon' | 'overdue' | 'never';
  label: string;
  tone: Tone;
  icon: IconName;
  /** Whole days since the last test; null when never tested. */
  ageDays: number | null;
};

const DAY_MS = 86_400_000;

/**
 * Where a group stands against the annual-test duty. "Never tested" is a finding (red), not a
 * blank: a group that was never recovered is not known to be recoverable.
 */
export function testCompliance(lastTestedAt: string | null, nowMs: number): TestCompliance {
  if (!lastTestedAt) return { state: 'never', label: 'Never tested', tone: 'danger', icon: 'error', ageDays: null };
  const ageDays = Math.max(0, Math.floor((nowMs - new Date(lastTestedAt).getTime()) / DAY_MS));
  if (ageDays > TEST_INTERVAL_DAYS) return { state: 'overdue', label: `Overdue · ${ageText(ageDays)}`, tone: 'danger', icon: 'error', ageDays };
  if (ageDays > DUE_SOON_DAYS) return { state: 'due-soon', label: `Due soon · ${ageText(ageDays)}`, tone: 'warning', icon: 'warning', ageDays };
  return { state: 'ok', label: `Tested ${ageText(ageDays)}`, tone: 'success', icon: 'checkCircle', ageDays };
}

function ageText(days: number): string {
  if (days === 0) return 'today';
  if (days < 60) return `${days} d ago`;
  return `${Math.floor(days / 30.4)} mo ago`;
}
