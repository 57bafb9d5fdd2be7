import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkpoints } from '@/db/schema';
import { checkpointId } from '@/lib/engine';
import { CheckpointLog } from '@/lib/engine/checkpoints';
import { seededTestDb } from '@/lib/testing/db';
import { storedJournalReader } from './load-config';

describe('storedJournalReader', () => {
  it('reads a group’s journal back as the engine holds it: times, kinds and tags', async () => {
    const db = await seededTestDb();
    const groupId = db.$client.prepare("SELECT id FROM protection_groups WHERE tenant_id = 'ten_acme' ORDER BY id LIMIT 1").pluck().get() as string;
    db.delete(checkpoints).where(eq(checkpoints.groupId, groupId)).run();
    const t0 = Date.parse('2026-11-28T10:00:00Z');
    const rows = [
      { id: 'c3', groupId, timeMs: t0 + 10_000, kind: 'tagged' as const, tag: 'before upgrade', createdBy: 'usr_admin_acme' },
      { id: 'c1', groupId, timeMs: t0, kind: 'crash' as const },
      { id: 'c2', groupId, timeMs: t0 + 5_000, kind: 'app' as const },
      // An operation promoted this crash checkpoint to a tested point: the row keeps its id.
      { id: 'c4', groupId, timeMs: t0 + 15_000, kind: 'tagged' as const, tag: 'tested 2026-11-28', createdBy: null },
      { id: 'c5', groupId, timeMs: t0 + 20_000, kind: 'crash' as const },
    ];
    db.insert(checkpoints).values(rows).run();

    const read = storedJournalReader(db);
    const stored = read(groupId)!;
    expect([...stored.times]).toEqual([t0, t0 + 5_000, t0 + 10_000, t0 + 15_000, t0 + 20_000]);
    const log = CheckpointLog.fromStored(groupId, stored, t0 + 30_000);
    expect(log.list()).toEqual([
      { id: checkpointId(groupId, t0, 'crash'), timeMs: t0, kind: 'crash', tag: null, createdBy: null },
      { id: checkpointId(groupId, t0 + 5_000, 'app'), timeMs: t0 + 5_000, kind: 'app', tag: null, createdBy: null },
      { id: checkpointId(groupId, t0 + 10_000, 'tagged'), timeMs: t0 + 10_000, kind: 'tagged', tag: 'before upgrade', createdBy: 'usr_admin_acme' },
      { id: checkpointId(groupId, t0 + 15_000, 'tagged'), timeMs: t0 + 15_000, kind: 'tagged', tag: 'tested 2026-11-28', createdBy: null },
      { id: checkpointId(groupId, t0 + 20_000, 'crash'), timeMs: t0 + 20_000, kind: 'crash', tag: null, createdBy: null },
    ]);
    expect(log.lastMs).toBe(t0 + 20_000);
    // The restored log keeps growing in time order.
    expect(() => log.add(t0 + 20_000, 'crash')).toThrow();
    log.add(t0 + 25_000, 'crash');
    expect(log.length).toBe(6);
  });

  it('has nothing for a group without a stored journal', async () => {
    const db = await seededTestDb();
    const groupId = db.$client.prepare('SELECT id FROM protection_groups LIMIT 1').pluck().get() as string;
    db.delete(checkpoints).where(eq(checkpoints.groupId, groupId)).run();
    expect(storedJournalReader(db)(groupId)).toBeUndefined();
  });

  it('keeps the first of two rows at the same time (times stay strictly increasing)', () => {
    const log = CheckpointLog.fromStored('g', { times: Float64Array.from([1, 2, 2, 3]), kinds: Uint8Array.from([0, 1, 0, 2]), meta: new Map() }, 10);
    expect(log.list().map((c) => [c.timeMs, c.kind])).toEqual([
      [1, 'crash'],
      [2, 'app'],
      [3, 'tagged'],
    ]);
  });
});
