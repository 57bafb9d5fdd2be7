import { describe, expect, it } from 'vitest';
import type { Engine, EngineEvent } from '@/lib/engine';
import { seededTestDb } from '@/lib/testing/db';
import { PendingWrites } from './pending-writes';
import { Persister } from './persist';

const sample = (groupId: string, timeMs: number, rpoSeconds: number): EngineEvent => ({
  type: 'rpo-sample', groupId, tier: 0, timeMs, rpoSeconds, throughputMBps: 1, wanMBps: 2, writeIops: 3, appliedIops: 4,
});

describe('Persister: samples', () => {
  it('writes every sample of a batch, many rows per statement and the rest one by one; a repeated sample keeps its later value', async () => {
    const db = await seededTestDb();
    const [a, b] = db.$client.prepare('SELECT id FROM protection_groups ORDER BY id LIMIT 2').pluck().all() as string[];
    db.$client.prepare('DELETE FROM rpo_samples').run();
    const t0 = Date.UTC(2026, 0, 1);
    const events: EngineEvent[] = [];
    // 153 rows (one of a deleted group): two statements of 64 rows, then the other 24 one by one.
    for (let i = 0; i < 100; i++) events.push(sample(a, t0 + i * 5000, i));
    for (let i = 0; i < 50; i++) events.push(sample(b, t0 + i * 5000, 1000 + i));
    events.push(sample(a, t0, 7777), sample(b, t0 + 49 * 5000, 8888), sample('grp_deleted', t0, 1));
    const pending = new PendingWrites();
    pending.add(events);
    const engine = { nowMs: t0 + 600_000, groups: new Map() } as unknown as Engine;
    new Persister(db).write(engine, pending.take(), new Set([a, b]), { snapshot: false, clock: { simMs: t0, wallMs: t0, speed: 1, seed: 1 } });
    const rows = db.$client.prepare('SELECT group_id g, time_ms t, rpo_seconds r, wan_mbps w, applied_iops i FROM rpo_samples ORDER BY group_id, time_ms').all() as { g: string; t: number; r: number; w: number; i: number }[];
    expect(rows).toHaveLength(150);
    expect(rows.filter((r) => r.g === a).map((r) => r.r)).toEqual([7777, ...Array.from({ length: 99 }, (_, i) => i + 1)]);
    expect(rows.filter((r) => r.g === b).map((r) => r.r)).toEqual([...Array.from({ length: 49 }, (_, i) => 1000 + i), 8888]);
    expect(rows.every((r) => r.w === 2 && r.i === 4)).toBe(true);
  });
});
