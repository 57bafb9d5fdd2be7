/**
 * The writes not yet shipped to the recovery site: what the RPO measures (the oldest of them)
 * and what the portal shows as the backlog.
 */
import { describe, expect, it } from 'vitest';
import { Backlog } from './backlog';

/** A backlog with a chunk for each second [i, i+1) s, i < n, of `mb` MB each. */
function seconds(n: number, mb = 1): Backlog {
  const b = new Backlog();
  for (let i = 0; i < n; i++) b.push(i * 1000, (i + 1) * 1000, mb);
  return b;
}

describe('backlog', () => {
  it('is empty at first: nothing held, no oldest write', () => {
    const b = new Backlog();
    expect(b.totalMB).toBe(0);
    expect(b.oldestMs()).toBeNull();
    expect(b.ship(10)).toBe(0);
    expect(b.snapshot()).toEqual({ t0: [], t1: [], mb: [] });
  });

  it('ignores nothing written', () => {
    const b = new Backlog();
    b.push(0, 1000, 0);
    b.push(0, 1000, -3);
    expect(b.length).toBe(0);
    expect(b.oldestMs()).toBeNull();
  });

  it('ships whole chunks oldest first, and the oldest write moves to the next chunk', () => {
    const b = seconds(3, 10);
    expect(b.ship(20)).toBe(20);
    expect(b.oldestMs()).toBe(2000);
    expect(b.totalMB).toBe(10);
    expect(b.snapshot()).toEqual({ t0: [2000], t1: [3000], mb: [10] });
  });

  it('ships part of a chunk, moving its oldest write forward in proportion', () => {
    const b = seconds(2, 10);
    expect(b.ship(14)).toBe(14);
    // 4 of the second chunk's 10 MB went: its oldest write is 0.4 s in.
    expect(b.snapshot()).toEqual({ t0: [1400], t1: [2000], mb: [6] });
    expect(b.totalMB).toBe(6);
  });

  it('ships at most what it holds, and then holds exactly nothing', () => {
    const b = new Backlog();
    b.push(0, 1000, 0.1);
    b.push(1000, 2000, 0.2);
    expect(b.ship(5)).toBeCloseTo(0.3, 12);
    expect(b.totalMB).toBe(0);
    expect(b.oldestMs()).toBeNull();
  });

  it('keeps its order as it grows while partly shipped', () => {
    const b = seconds(8);
    b.ship(5);
    for (let i = 8; i < 20; i++) b.push(i * 1000, (i + 1) * 1000, 1);
    expect(b.length).toBe(15);
    expect(b.snapshot().t0).toEqual(Array.from({ length: 15 }, (_, k) => (k + 5) * 1000));
    expect(b.ship(3)).toBe(3);
    expect(b.oldestMs()).toBe(8000);
  });

  it('reuses the room freed by shipping', () => {
    const b = seconds(8);
    b.ship(6);
    for (let i = 8; i < 14; i++) b.push(i * 1000, (i + 1) * 1000, 1);
    expect(b.snapshot().t0).toEqual([6, 7, 8, 9, 10, 11, 12, 13].map((s) => s * 1000));
    expect(b.totalMB).toBe(8);
  });

  it('when full, merges neighbouring chunks: coarser times, the same MB and oldest write', () => {
    const b = seconds(1025);
    // 1024 chunks merged into 512 two-second chunks of 2 MB, then the 1025th second.
    expect(b.length).toBe(513);
    const s = b.snapshot();
    expect(s.t0.slice(0, 2)).toEqual([0, 2000]);
    expect(s.t1.slice(0, 2)).toEqual([2000, 4000]);
    expect(s.mb.slice(0, 2)).toEqual([2, 2]);
    expect([s.t0.at(-1), s.t1.at(-1), s.mb.at(-1)]).toEqual([1_024_000, 1_025_000, 1]);
    expect(s.t0.at(-2)).toBe(1_022_000);
    expect(b.totalMB).toBe(1025);
    expect(b.oldestMs()).toBe(0);
  });

  it('drops everything when cleared and says how much', () => {
    const b = seconds(4, 2.5);
    expect(b.clear()).toBe(10);
    expect(b.totalMB).toBe(0);
    expect(b.oldestMs()).toBeNull();
    b.push(9000, 10_000, 1);
    expect(b.snapshot()).toEqual({ t0: [9000], t1: [10_000], mb: [1] });
  });

  it('survives a snapshot, however long', () => {
    const b = seconds(40);
    b.ship(3.5);
    const copy = Backlog.restore(JSON.parse(JSON.stringify(b.snapshot())), b.totalMB);
    expect(copy.snapshot()).toEqual(b.snapshot());
    expect(copy.totalMB).toBe(36.5);
    expect(copy.oldestMs()).toBe(3500);
    for (const x of [copy, b]) x.push(40_000, 41_000, 1);
    expect(copy.ship(100)).toBe(b.ship(100));
  });
});
