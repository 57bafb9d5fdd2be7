/**
 * The notifications nobody's action causes, found by a periodic check on the simulated clock
 * (issue 16):
 * - `test.due-soon` when a group's annual test failover falls due within 30 days, and
 *   `test.overdue` once it is overdue (never passed a test, or the last passed one is older than
 *   the interval: lib/domain/reports/test-duty, the rule the dashboards show);
 * - `maintenance.tomorrow` a day before a maintenance window starts, to staff and the tenants at
 *   its site (as `maintenance.announced`), for windows announced more than a day ahead.
 * Each is recorded once per subject and period (notification_marks, in the event's transaction:
 * lib/domain/notifications/marks): a group's due period is its due date, so a passed test
 * starts a new one; a window's is its start. Everything is read from the database on every pass,
 * so a pass repeated, or run again after a restart, records nothing twice and loses nothing.
 */
import 'server-only';
import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import { getDb, type DB } from '@/db';
import { maintenanceWindows, notificationMarks, protectionGroups, tenants } from '@/db/schema';
import { formatDate, formatDuration } from '@/lib/format';
import { TEST_INTERVAL_DAYS } from '@/lib/domain/reports/test-duty';
import { recordMaintenanceEvents } from '@/lib/domain/staff/maintenance';
import { simNow } from '@/lib/domain/core/clock';
import { onceOnly, recordEventOnce } from './marks';

const DAY_MS = 86_400_000;
/** "Due soon": the annual test falls due within this many days. */
export const TEST_DUE_SOON_DAYS = 30;
/** "Tomorrow": a window starting within this long. */
export const MAINTENANCE_NOTICE_MS = DAY_MS;

export type TestDuty = { state: 'ok' | 'due-soon' | 'overdue'; dueAtMs: number | null; period: string };

/**
 * Where a group stands with its annual test at `nowMs` (pure): overdue when it never passed one
 * (period 'never') or its due date (last passed test + the interval) is past, due soon within
 * the last 30 days before it. The period names the due date, so each is told once per date.
 */
export function testDuty(lastTestedAtMs: number | null, nowMs: number): TestDuty {
  if (lastTestedAtMs === null) return { state: 'overdue', dueAtMs: null, period: 'never' };
  const dueAtMs = lastTestedAtMs + TEST_INTERVAL_DAYS * DAY_MS;
  const period = new Date(dueAtMs).toISOString();
  if (nowMs > dueAtMs) return { state: 'overdue', dueAtMs, period };
  if (nowMs >= dueAtMs - TEST_DUE_SOON_DAYS * DAY_MS) return { state: 'due-soon', dueAtMs, period };
  return { state: 'ok', dueAtMs, period };
}

/** Records the test duty events due at `nowMs` (groups of active tenants); returns the ids recorded. */
export function checkTestDuty(db: DB, nowMs: number): string[] {
  const groups = db
    .select({ id: protectionGroups.id, name: protectionGroups.name, tenantId: protectionGroups.tenantId, lastTestedAt: protectionGroups.lastTestedAt })
    .from(protectionGroups)
    .innerJoin(tenants, eq(tenants.id, protectionGroups.tenantId))
    .where(eq(tenants.status, 'active'))
    .orderBy(asc(protectionGroups.id))
    .all();
  // What was told already, in one read: a pass over a large estate then writes only what is new.
  const told = new Set(db.select({ kind: notificationMarks.kind, subjectId: notificationMarks.subjectId, period: notificationMarks.period })
    .from(notificationMarks).where(inArray(notificationMarks.kind, ['test.overdue', 'test.due-soon'])).all()
    .map((m) => `${m.kind}|${m.subjectId}|${m.period}`));
  const recorded: string[] = [];
  for (const g of groups) {
    const duty = testDuty(g.lastTestedAt?.getTime() ?? null, nowMs);
    if (duty.state === 'ok') continue;
    const type = duty.state === 'overdue' ? 'test.overdue' : 'test.due-soon';
    if (told.has(`${type}|${g.id}|${duty.period}`)) continue;
    const due = duty.dueAtMs === null ? null : formatDate(duty.dueAtMs);
    const summary = duty.state === 'due-soon'
      ? `The annual test failover of ${g.name} is due by ${due} (in ${formatDuration((duty.dueAtMs! - nowMs) / 1000)}); its last passed test was on ${formatDate(g.lastTestedAt)}.`
      : g.lastTestedAt
        ? `${g.name} has not passed a test failover since ${formatDate(g.lastTestedAt)}: the annual test was due on ${due}.`
        : `${g.name} has never passed a test failover: the annual test is due.`;
    const id = db.transaction((tx) => recordEventOnce(tx, { kind: type, subjectId: g.id, period: duty.period }, {
      type, tenantId: g.tenantId, occurredAt: nowMs,
      payload: {
        groupId: g.id, groupName: g.name, subject: g.name, summary,
        dueAt: duty.dueAtMs === null ? null : new Date(duty.dueAtMs).toISOString(), lastTestedAt: g.lastTestedAt?.toISOString() ?? null,
      },
    }, nowMs));
    if (id) recorded.push(id);
  }
  return recorded;
}

/**
 * Records `maintenance.tomorrow` for the windows starting within a day of `nowMs` that were
 * announced more than a day before their start (one announced later already told people it
 * was that close). A window already started is not told. Returns the provider events' ids.
 */
export function checkMaintenanceTomorrow(db: DB, nowMs: number): string[] {
  const now = new Date(nowMs);
  const windows = db.select().from(maintenanceWindows)
    .where(and(gt(maintenanceWindows.startsAt, now), lte(maintenanceWindows.startsAt, new Date(nowMs + MAINTENANCE_NOTICE_MS))))
    .orderBy(asc(maintenanceWindows.startsAt))
    .all()
    .filter((w) => w.createdAt.getTime() < w.startsAt.getTime() - MAINTENANCE_NOTICE_MS);
  const recorded: string[] = [];
  for (const w of windows) {
    const id = db.transaction((tx) => onceOnly(tx, { kind: 'maintenance.tomorrow', subjectId: w.id, period: w.startsAt.toISOString() }, nowMs,
      () => recordMaintenanceEvents(tx, w, 'maintenance.tomorrow', now)));
    if (id) recorded.push(id);
  }
  return recorded;
}

/** One pass of every scheduled check at `nowMs` (simulated clock). */
export function runScheduledChecks(db: DB, nowMs: number): { tests: number; maintenance: number } {
  return { tests: checkTestDuty(db, nowMs).length, maintenance: checkMaintenanceTomorrow(db, nowMs).length };
}

// ---------------------------------------------------------------------------------------------
// Background loop (started by instrumentation.ts)

type LoopState = { timer: ReturnType<typeof setInterval> | null; running: boolean; stop: (() => void) | null };
const globalForChecks = globalThis as unknown as { __cloudshieldScheduledChecks?: LoopState };

/**
 * Runs the checks now and then every `intervalMs` of real time, at the simulator's now (the
 * wall clock when it does not run). Once per process (idempotent); returns a stop function.
 * A failing pass is logged and the next one retries from the database.
 */
export function startScheduledChecks(deps: { db?: DB; now?: () => Promise<number> | number; intervalMs?: number } = {}): () => void {
  const existing = globalForChecks.__cloudshieldScheduledChecks;
  if (existing?.stop) return existing.stop;
  const state: LoopState = { timer: null, running: false, stop: null };
  const now = deps.now ?? simNow;
  const pass = () => {
    if (state.running) return; // a slow pass is never overlapped by the next
    state.running = true;
    Promise.resolve()
      .then(async () => runScheduledChecks(deps.db ?? getDb(), await now()))
      .catch((error) => console.error('[cloudshield] scheduled notification checks failed', error))
      .finally(() => {
        state.running = false;
      });
  };
  state.timer = setInterval(pass, deps.intervalMs ?? 30_000);
  state.timer.unref?.();
  pass();
  state.stop = () => {
    if (state.timer) clearInterval(state.timer);
    state.timer = null;
    if (globalForChecks.__cloudshieldScheduledChecks === state) delete globalForChecks.__cloudshieldScheduledChecks;
  };
  globalForChecks.__cloudshieldScheduledChecks = state;
  return state.stop;
}
