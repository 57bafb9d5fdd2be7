import 'server-only';
import { RESPONSE_TARGETS, type RequestPriority } from '@/lib/schemas/requests';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;


const isWeekend = (ms: number) => {
  const day = new Date(ms).getUTCDay();
  return day === 0 || day === 6;
};

const startOfNextUtcDay = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
};

/**
 * Adds `days` business days: `days` x 24 hours counted only on Monday–Friday (UTC, the
 * service's reference zone). A request raised on Friday 15:00 with 1 business day is due
 * Monday 15:00; one raised at the weekend starts counting on Monday 00:00.
 */
export function addBusinessDays(from: Date, days: number): Date {
  let remaining = days * DAY_MS;
  let t = from.getTime();
  while (remaining > 0) {
    if (isWeekend(t)) {
      t = startOfNextUtcDay(t);
      continue;
    }
    const step = Math.min(remaining, startOfNextUtcDay(t) - t);
    t += step;
    remaining -= step;
  }
  // May land on Saturday 00:00: that is the end of Friday's business day, not a weekend hour.
  return new Date(t);
}

/** When staff must first respond to a request raised at `createdAt`. Pure, for tests. */
export function responseDeadline(createdAt: Date, priority: RequestPriority): Date {
  const target = RESPONSE_TARGETS[priority];
  if (target.hours !== undefined) return new Date(createdAt.getTime() + target.hours * HOUR_MS);
  return addBusinessDays(createdAt, target.businessDays ?? 0);
}
