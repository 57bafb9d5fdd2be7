/**
 * Test helpers for operations: a fake simulator that records what it is told and ticks on
 * demand, and journal checkpoints written straight into the database.
 */
import type { DB } from '@/db';
import { checkpoints } from '@/db/schema';
import { newId } from '@/lib/ids';
import type { CatchUpStatus, GroupMode, SimulatorControl } from '@/lib/sim/contract';

export class FakeSimulator implements SimulatorControl {
  readonly calls: { method: string; args: unknown[] }[] = [];
  private listeners = new Set<(nowMs: number) => void>();

  constructor(public nowMs: number) {}

  now() {
    return this.nowMs;
  }
  private record(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
  }
  notifyConfigChanged(groupId: string) {
    this.record('notifyConfigChanged', groupId);
  }
  notifyGroupDeleted(groupId: string) {
    this.record('notifyGroupDeleted', groupId);
  }
  setSiteDown(siteId: string, down: boolean) {
    this.record('setSiteDown', siteId, down);
  }
  setLinkDown(linkId: string, down: boolean) {
    this.record('setLinkDown', linkId, down);
  }
  setSiteDegraded(siteId: string, degradation: { storageIopsPercent: number; hostsDown: number }) {
    this.record('setSiteDegraded', siteId, degradation);
  }
  notifyVolumesChanged() {
    this.record('notifyVolumesChanged');
  }
  tagCheckpoint(groupId: string, tag: string) {
    this.record('tagCheckpoint', groupId, tag);
    return { id: newId('cp'), timeMs: this.nowMs };
  }
  setGroupMode(groupId: string, mode: GroupMode) {
    this.record('setGroupMode', groupId, mode);
  }
  reverseProtection(groupId: string) {
    this.record('reverseProtection', groupId);
  }
  onTick(listener: (nowMs: number) => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  flush() {}
  /** Set by a test to play a server still catching up after a restart. */
  lag: CatchUpStatus | null = null;
  catchingUp() {
    return this.lag;
  }

  /** Moves the simulated clock on and ticks the listeners once (like a coarse fast-forward). */
  advance(seconds: number) {
    this.nowMs += seconds * 1000;
    for (const l of this.listeners) l(this.nowMs);
  }
  modes(groupId: string): string[] {
    return this.calls.filter((c) => c.method === 'setGroupMode' && c.args[0] === groupId).map((c) => String(c.args[1]));
  }
}

/**
 * A journal for a group: crash checkpoints every `everySeconds` over `hours` up to `nowMs`, one
 * app-consistent an hour, and one tagged. Returns the ids of the anchors.
 */
export function writeJournal(db: DB, groupId: string, nowMs: number, { hours = 2, everySeconds = 60 } = {}) {
  const rows: (typeof checkpoints.$inferInsert)[] = [];
  for (let t = nowMs - hours * 3600_000; t <= nowMs - 5_000; t += everySeconds * 1000) {
    rows.push({ id: newId('cp'), groupId, timeMs: t, kind: 'crash', tag: null });
  }
  const app = { id: newId('cp'), groupId, timeMs: nowMs - 30 * 60_000 + 1, kind: 'app' as const, tag: null };
  const tagged = { id: newId('cp'), groupId, timeMs: nowMs - 45 * 60_000 + 1, kind: 'tagged' as const, tag: 'before release 4.2' };
  rows.push(app, tagged);
  db.transaction((tx) => {
    for (const r of rows) tx.insert(checkpoints).values(r).run();
  });
  const latest = rows.filter((r) => r.kind === 'crash').at(-1)!;
  return { latestId: latest.id, latestMs: latest.timeMs, appId: app.id, taggedId: tagged.id, oldestMs: rows[0].timeMs };
}
