import type { IconName } from '@/components/ui/icons';
import type { Tone } from '@/components/ui/tone';
import type { GroupDto } from '@/lib/domain/core/dto';
import { isTestOverdue, TEST_INTERVAL_DAYS } from '@/lib/domain/reports/test-duty';
import { formatDate } from '@/lib/format';

/** A month's notice before a test falls due, so it can be planned rather than rushed. */
export const DUE_SOON_DAYS = TEST_INTERVAL_DAYS - 30;

/** What a group records of its tests: the last passed one, and the outcome of the last one. */
export type TestRecord = Pick<GroupDto, 'lastTestedAt' | 'lastTestResult' | 'lastTestEndedAt'>;

export type TestCompliance = {
  state: 'ok' | 'due-soon' | 'overdue' | 'never' | 'failed';
  label: string;
  /** The record in full words, for a tooltip or a screen reader. */
  description: string;
  tone: Tone;
  icon: IconName;
  /** No passed test within the interval (never tested included), whatever the last result. */
  overdue: boolean;
  /** Whole days since the last passed test; null when none passed. */
  ageDays: number | null;
};

const DAY_MS = 86_400_000;
const daysSince = (at: string, nowMs: number) => Math.max(0, Math.floor((nowMs - new Date(at).getTime()) / DAY_MS));

/**
 * Where a group stands against the annual-test duty, as an auditor reads it: only a passed test
 * counts. "Never tested" is a finding (red), not a blank, and so is a last test that failed —
 * which leaves the group as due (or overdue) as it was before.
 */
export function testCompliance(t: TestRecord, nowMs: number): TestCompliance {
  const overdue = isTestOverdue(t.lastTestedAt, nowMs);
  const ageDays = t.lastTestedAt ? daysSince(t.lastTestedAt, nowMs) : null;
  const passed = t.lastTestedAt ? `last passed test ${formatDate(t.lastTestedAt)}` : 'no passed test on record';
  const duty = overdue ? `; the annual test is overdue` : '';
  if (t.lastTestResult === 'failed') {
    const when = t.lastTestEndedAt ? ageText(daysSince(t.lastTestEndedAt, nowMs)) : '';
    return {
      state: 'failed', label: `Last test failed${when ? ` · ${when}` : ''}`, tone: 'danger', icon: 'error', overdue, ageDays,
      description: `Last test failed${t.lastTestEndedAt ? ` on ${formatDate(t.lastTestEndedAt)}` : ''}; ${passed}${duty}`,
    };
  }
  if (ageDays === null) {
    return { state: 'never', label: 'Never tested', description: 'No test failover on record; the annual test is overdue', tone: 'danger', icon: 'error', overdue, ageDays };
  }
  const description = `Last test passed ${formatDate(t.lastTestedAt!)}${duty}`;
  if (overdue) return { state: 'overdue', label: `Overdue · passed ${ageText(ageDays)}`, description, tone: 'danger', icon: 'error', overdue, ageDays };
  if (ageDays > DUE_SOON_DAYS) return { state: 'due-soon', label: `Due soon · passed ${ageText(ageDays)}`, description, tone: 'warning', icon: 'warning', overdue, ageDays };
  return { state: 'ok', label: `Test passed ${ageText(ageDays)}`, description, tone: 'success', icon: 'checkCircle', overdue, ageDays };
}

function ageText(days: number): string {
  if (days === 0) return 'today';
  if (days < 60) return `${days} d ago`;
  return `${Math.floor(days / 30.4)} mo ago`;
}
