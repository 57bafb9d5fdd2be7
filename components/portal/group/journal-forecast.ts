import type { Tone } from '@/components/ui/tone';

/** Warn from this share of the journal's hard limit, before it starts cutting history. */
export const JOURNAL_WARN_SHARE = 0.8;

export type JournalInput = { historyCoveredSeconds: number; journalUsedGb: number; journalLimitGb: number; configuredHours: number };

export type JournalForecast = {
  historyShare: number;
  usedShare: number;
  /** GB of journal per hour of history at the change rate seen so far; null before any history. */
  gbPerHour: number | null;
  /** Journal the configured window needs at that rate. */
  neededGb: number | null;
  /** History the hard limit allows at that rate (hours); null when it is not the constraint. */
  limitCapsHoursAt: number | null;
  tone: Tone;
};

/**
 * Whether the journal's hard limit will cut history short, and at what change rate: the known
 * pain is a limit silently trimming the window, so this says so before it happens.
 */
export function forecastJournal({ historyCoveredSeconds, journalUsedGb, journalLimitGb, configuredHours }: JournalInput): JournalForecast {
  const configuredSeconds = configuredHours * 3600;
  const historyShare = configuredSeconds > 0 ? Math.min(1, historyCoveredSeconds / configuredSeconds) : 0;
  const usedShare = journalLimitGb > 0 ? journalUsedGb / journalLimitGb : 0;
  const gbPerHour = historyCoveredSeconds >= 60 && journalUsedGb > 0 ? journalUsedGb / (historyCoveredSeconds / 3600) : null;
  const neededGb = gbPerHour == null ? null : gbPerHour * configuredHours;
  const limitCapsHoursAt = gbPerHour != null && neededGb != null && neededGb > journalLimitGb ? journalLimitGb / gbPerHour : null;
  // Red once the limit is what holds history back (history short and the journal full);
  // amber when it will at this rate or the journal is nearly full.
  const capping = historyShare < 0.99 && usedShare >= 0.97;
  const tone: Tone = capping ? 'danger' : limitCapsHoursAt != null || usedShare >= JOURNAL_WARN_SHARE ? 'warning' : 'success';
  return { historyShare, usedShare, gbPerHour, neededGb, limitCapsHoursAt, tone };
}
