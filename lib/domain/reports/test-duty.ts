import { TEST_OVERDUE_AFTER_MS } from '@/lib/engine/group-alerts';

/**
 * The service description makes an annual test failover the client's duty. One definition for
 * the engine's "test overdue" alert, the dashboards and the provider's overview.
 *
 * The one module of lib/domain without `server-only`: a pure rule (no database) that the
 * groups table's test badge also applies in the browser.
 */
export const TEST_INTERVAL_DAYS = TEST_OVERDUE_AFTER_MS / 86_400_000;

/** Never tested, or last tested longer ago than the interval. */
export function isTestOverdue(lastTestedAt: string | Date | null, nowMs: number): boolean {
  return lastTestedAt == null || nowMs - new Date(lastTestedAt).getTime() > TEST_OVERDUE_AFTER_MS;
}
