/**
 * Alert rules of a group: RPO near or over target (with hysteresis so a value hovering at the
 * threshold does not open and close a breach every tick), journal history cut short, sync
 * stalled, test overdue, continuous writers, and the faults that pause it.
 */
import type { AlertBook } from './alert-book';
import { formatDuration, formatGb } from './format';
import { RPO_BREACH, RPO_OK, RPO_WARNING, type GroupState } from './group';
import { historyCoveredSeconds } from './status';
import type { AlertInfo } from './types';

export const WARNING_AT = 0.8;
/** A warning clears below 75% of target, a breach below 95%: hysteresis against flapping. */
const WARNING_CLEARS_BELOW = 0.75;
const BREACH_CLEARS_BELOW = 0.95;
export const SYNC_STALLED_AFTER_MS = 10 * 60_000;
export const TEST_OVERDUE_AFTER_MS = 365 * 24 * 3_600_000;

export function nextRpoLevel(current: number, ratio: number): number {
  if (ratio > 1) return RPO_BREACH;
  if (current === RPO_BREACH && ratio >= BREACH_CLEARS_BELOW) return RPO_BREACH;
  if (ratio >= WARNING_AT) return RPO_WARNING;
  if (current !== RPO_OK && ratio >= WARNING_CLEARS_BELOW) return RPO_WARNING;
  return RPO_OK;
}

const base = (g: GroupState, key: string, code: AlertInfo['code'], level: AlertInfo['level'], message: string, extra: Partial<AlertInfo> = {}): AlertInfo => ({
  key, code, level, tenantId: g.tenantId, groupId: g.id, siteId: null, vmId: null, message, ...extra,
});

export function applyRpoLevel(book: AlertBook, g: GroupState, level: number, atMs: number): void {
  if (level === g.rpoLevel) return;
  g.rpoLevel = level;
  const rpo = g.rpoSeconds ?? 0;
  const target = formatDuration(g.rpoTargetSeconds);
  // Why it fell behind, when a limit holds it back (see Engine.step): iops-limited, bandwidth-limited, link-congested.
  const why = g.limitReason ? ` (${g.limitReason})` : '';
  book.set(level === RPO_WARNING, () => base(g, `rpo-warning:${g.id}`, 'rpo-warning', 'warning',
    `RPO of '${g.name}' is ${formatDuration(rpo)}, ${Math.round((100 * rpo) / g.rpoTargetSeconds)}% of its ${target} target${why}`), `rpo-warning:${g.id}`, atMs);
  book.set(level === RPO_BREACH, () => base(g, `rpo-breach:${g.id}`, 'rpo-breach', 'error',
    `RPO of '${g.name}' is ${formatDuration(rpo)}, over its ${target} target${why}`), `rpo-breach:${g.id}`, atMs);
}

export function applyHistoryAlert(book: AlertBook, g: GroupState, short: boolean, atMs: number): void {
  const key = `history-not-met:${g.id}`;
  book.set(short, () => base(g, key, 'history-not-met', 'warning',
    `Journal of '${g.name}' holds ${formatDuration(historyCoveredSeconds(g, atMs))} of its ${formatDuration(g.historyMs / 1000)} history: the ${formatGb(g.limitMB)} journal limit is too small for the change rate`), key, atMs);
}

export function applyStallAlert(book: AlertBook, g: GroupState, stalled: boolean, atMs: number): void {
  const key = `initial-sync-stalled:${g.id}`;
  book.set(stalled, () => base(g, key, 'initial-sync-stalled', 'warning',
    `Initial sync of '${g.name}' has made no progress for ${formatDuration((atMs - g.lastSyncProgressMs) / 1000)}`), key, atMs);
}

export function applyTestOverdue(book: AlertBook, g: GroupState, atMs: number): void {
  const since = g.lastTestedAtMs ?? g.createdAtMs;
  const key = `test-overdue:${g.id}`;
  book.set(atMs - since > TEST_OVERDUE_AFTER_MS, () => base(g, key, 'test-overdue', 'warning',
    g.lastTestedAtMs === null ? `'${g.name}' has never passed a test failover; the annual test is due` : `'${g.name}' has not passed a test failover for ${formatDuration((atMs - since) / 1000)}; the annual test is due`), key, atMs);
}

export function applyContinuousWriters(book: AlertBook, g: GroupState, writers: { id: string; name: string }[], atMs: number): void {
  const ids = new Set(writers.map((w) => w.id));
  book.resolveWhere((a) => a.code === 'continuous-writer' && a.groupId === g.id && !ids.has(a.vmId ?? ''), atMs);
  for (const vm of writers) {
    const key = `continuous-writer:${g.id}:${vm.id}`;
    book.set(true, () => base(g, key, 'continuous-writer', 'warning',
      `${vm.name} writes continuously (a backup server?) and is protected in '${g.name}': it can use up the bandwidth and the journal`, { vmId: vm.id }), key, atMs);
  }
}

/** Fault bits: 1 source site down, 2 target site down, 4 link down. */
export function applyFaultAlerts(book: AlertBook, g: GroupState, mask: number, siteName: (id: string) => string, linkId: string, atMs: number): void {
  if (mask === g.faultMask) return;
  g.faultMask = mask;
  book.resolveWhere((a) => a.groupId === g.id && (a.code === 'site-down' || a.code === 'link-down'), atMs);
  const paused = `replication of '${g.name}' is paused`;
  for (const [bit, siteId] of [[1, g.sourceSiteId], [2, g.targetSiteId]] as const) {
    if (!(mask & bit)) continue;
    const key = `site-down:${g.id}:${siteId}`;
    book.raise(base(g, key, 'site-down', 'error', `Site ${siteName(siteId)} is offline: ${paused}`, { siteId }), atMs);
  }
  if (mask & 4) {
    const key = `link-down:${g.id}:${linkId}`;
    book.raise(base(g, key, 'link-down', 'error', `Link ${siteName(g.sourceSiteId)}–${siteName(g.targetSiteId)} is down: ${paused}`), atMs);
  }
}
