import { describe, expect, it } from 'vitest';
import { checkpointId, CheckpointLog, DAY_MS, HOUR_MS } from './checkpoints';

/** A journal with a crash checkpoint every 5 s over `hours`, thinned every minute as it ages. */
function journal(hours: number, { app = false } = {}) {
  const log = new CheckpointLog('g');
  const removed: number[] = [];
  for (let t = 5_000; t <= hours * HOUR_MS; t += 5_000) {
    log.add(t, app && t % HOUR_MS === 0 ? 'app' : 'crash');
    if (t % 60_000 === 0) removed.push(...log.thin(t));
  }
  return { log, removed, nowMs: hours * HOUR_MS };
}

describe('checkpoint log', () => {
  it('keeps times strictly increasing', () => {
    const log = new CheckpointLog('g');
    log.add(10, 'crash');
    expect(() => log.add(10, 'crash')).toThrow();
    expect(() => log.add(5, 'tagged')).toThrow();
    log.add(11, 'tagged', 'before upgrade', 'usr_1');
    expect(log.list().at(-1)).toEqual({ id: checkpointId('g', 11, 'tagged'), timeMs: 11, kind: 'tagged', tag: 'before upgrade', createdBy: 'usr_1' });
  });

  it('thins with age: all for the last hour, one a minute for the day, one a quarter-hour beyond', () => {
    const { log, nowMs } = journal(30);
    const times = log.list().map((c) => c.timeMs);
    const lastHour = times.filter((t) => t >= nowMs - HOUR_MS);
    const day = times.filter((t) => t < nowMs - HOUR_MS && t >= nowMs - DAY_MS);
    const older = times.filter((t) => t < nowMs - DAY_MS);
    expect(lastHour.length).toBeGreaterThanOrEqual(719);
    expect(day.length).toBeGreaterThanOrEqual(23 * 60 - 1);
    expect(day.length).toBeLessThanOrEqual(23 * 60 + 1);
    expect(older.length).toBeGreaterThanOrEqual(6 * 4 - 1);
    expect(older.length).toBeLessThanOrEqual(6 * 4 + 1);
    // No two survivors in one minute (day) or one quarter-hour (older).
    expect(new Set(day.map((t) => Math.floor(t / 60_000))).size).toBe(day.length);
    expect(new Set(older.map((t) => Math.floor(t / 900_000))).size).toBe(older.length);
    // About 3,000 rows for 30 h instead of 21,600.
    expect(times.length).toBeLessThan(2_300);
  });

  it('never thins app-consistent or tagged checkpoints', () => {
    const { log } = journal(30, { app: true });
    expect(log.list().filter((c) => c.kind === 'app')).toHaveLength(30);
  });

  it('reports exactly the checkpoints it thinned', () => {
    const { log, removed } = journal(26);
    const kept = new Set(log.list().map((c) => c.timeMs));
    expect(removed.length + kept.size).toBe((26 * HOUR_MS) / 5_000);
    expect(removed.some((t) => kept.has(t))).toBe(false);
  });

  it('prunes everything older than a floor', () => {
    const { log } = journal(3);
    expect(log.pruneBefore(2 * HOUR_MS)).toBeGreaterThan(0);
    expect(log.oldestMs()).toBeGreaterThanOrEqual(2 * HOUR_MS);
  });

  it('survives a snapshot round trip', () => {
    const { log, nowMs } = journal(2);
    log.add(nowMs + 1, 'tagged', 'x', 'u');
    const copy = CheckpointLog.restore('g', JSON.parse(JSON.stringify(log.snapshot())));
    expect(copy.list()).toEqual(log.list());
    expect(copy.thin(nowMs + 60_000)).toEqual(log.thin(nowMs + 60_000));
  });
});
