/**
 * The availability table of the service description (seed 2.7, appendix A): 99.9 % a calendar
 * month, which on an average month of 730 hours allows 43.8 minutes of downtime; a 10 % service
 * credit below 99.5 % (more than 219 minutes) and 25 % below 99 % (more than 438 minutes).
 * Scheduled maintenance does not count. Pure, shared by the availability card and the SLA report.
 */
export const AVERAGE_MONTH_MINUTES = 730 * 60;

export type SlaBand = {
  /** Availability at or above which the band starts (null: no lower bound). */
  fromPercent: number | null;
  /** Availability below which it ends (null: 100 %). */
  belowPercent: number | null;
  /** The downtime of an average month that band allows, minutes, up to and including. */
  maxDowntimeMinutes: number | null;
  creditPercent: 0 | 10 | 25;
  label: string;
};

const downtimeAt = (percent: number) => Math.round(AVERAGE_MONTH_MINUTES * (100 - percent)) / 100;

export const SLA_TARGET = { percent: 99.9, allowanceMinutes: downtimeAt(99.9) } as const;

export const SLA_TABLE: SlaBand[] = [
  { fromPercent: 99.9, belowPercent: null, maxDowntimeMinutes: downtimeAt(99.9), creditPercent: 0, label: 'Target met' },
  { fromPercent: 99.5, belowPercent: 99.9, maxDowntimeMinutes: downtimeAt(99.5), creditPercent: 0, label: 'Below target, no credit' },
  { fromPercent: 99.0, belowPercent: 99.5, maxDowntimeMinutes: downtimeAt(99.0), creditPercent: 10, label: '10 % service credit' },
  { fromPercent: null, belowPercent: 99.0, maxDowntimeMinutes: null, creditPercent: 25, label: '25 % service credit' },
];

export type DowntimeAllowance = {
  allowanceMinutes: number;
  usedMinutes: number;
  /** What is left of the 43.8 minutes this month (0 once spent). */
  leftMinutes: number;
  /** Downtime after which a 10 % and a 25 % credit is owed. */
  credit10AfterMinutes: number;
  credit25AfterMinutes: number;
};

export function downtimeAllowance(downtimeMinutes: number): DowntimeAllowance {
  const r1 = (n: number) => Math.round(n * 10) / 10;
  return {
    allowanceMinutes: SLA_TARGET.allowanceMinutes,
    usedMinutes: r1(downtimeMinutes),
    leftMinutes: r1(Math.max(0, SLA_TARGET.allowanceMinutes - downtimeMinutes)),
    credit10AfterMinutes: SLA_TABLE[1].maxDowntimeMinutes!,
    credit25AfterMinutes: SLA_TABLE[2].maxDowntimeMinutes!,
  };
}
