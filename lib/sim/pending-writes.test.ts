import { describe, expect, it } from 'vitest';
import { checkpointId, type EngineEvent } from '@/lib/engine';
import { PendingWrites } from './pending-writes';

const cp = (timeMs: number, groupId = 'g'): EngineEvent => ({ type: 'checkpoint', groupId, timeMs, kind: 'crash', tag: null, createdBy: null });
const id = (timeMs: number, groupId = 'g') => checkpointId(groupId, timeMs, 'crash');

describe('pending writes', () => {
  it('cancels a checkpoint created and thinned within one batch', () => {
    const p = new PendingWrites();
    p.add([cp(10), cp(20), { type: 'checkpoints-thinned', groupId: 'g', timesMs: [10, 5] }]);
    expect([...p.checkpointInserts.keys()]).toEqual([id(20)]);
    expect([...p.checkpointDeletes.keys()]).toEqual([id(5)]);
  });

  it('keeps the last value of a sample and the order of alert changes', () => {
    const p = new PendingWrites();
    const sample = (rpo: number): EngineEvent => ({ type: 'rpo-sample', groupId: 'g', tier: 0, timeMs: 5000, rpoSeconds: rpo, throughputMBps: 1, wanMBps: 1, writeIops: 32, appliedIops: 32 });
    p.add([sample(3), sample(4)]);
    p.add([
      { type: 'alert-raised', atMs: 1, key: 'k', code: 'rpo-breach', level: 'error', tenantId: 't', groupId: 'g', siteId: null, vmId: null, message: 'm' },
      { type: 'alert-resolved', atMs: 2, key: 'k' },
    ]);
    // Both kept in order: the upsert of the later one wins in the database.
    expect(p.samples.get('g')!.map((s) => s.rpoSeconds)).toEqual([3, 4]);
    expect(p.size).toBe(4);
    expect(p.alertOps.map((o) => o.op)).toEqual(['raise', 'resolve']);
  });

  it('a journal reset drops what was pending for that group only', () => {
    const p = new PendingWrites();
    p.add([cp(1), cp(2, 'other'), { type: 'journal-reset', groupId: 'g', atMs: 5 }, cp(3)]);
    expect([...p.checkpointInserts.keys()].sort()).toEqual([id(3), id(2, 'other')].sort());
    expect([...p.journalResets]).toEqual(['g']);
  });

  it('a catch-up that rewrites the journals drops queued checkpoint rows, not journal resets or samples', () => {
    const p = new PendingWrites();
    p.add([cp(1), cp(2), { type: 'checkpoints-thinned', groupId: 'g', timesMs: [1, 0] }, { type: 'journal-reset', groupId: 'other', atMs: 3 }]);
    p.add([{ type: 'rpo-sample', groupId: 'g', tier: 0, timeMs: 5000, rpoSeconds: 1, throughputMBps: 1, wanMBps: 1, writeIops: 1, appliedIops: 1 }]);
    p.dropQueuedCheckpoints();
    expect(p.checkpointInserts.size + p.checkpointDeletes.size).toBe(0);
    expect([...p.journalResets]).toEqual(['other']);
    expect(p.size).toBe(2);
  });

  it('take() hands over the batch and starts empty', () => {
    const p = new PendingWrites();
    p.add([cp(1)]);
    const batch = p.take();
    expect(batch.size).toBe(1);
    expect(p.size).toBe(0);
  });

  it('forgets a deleted group', () => {
    const p = new PendingWrites();
    const sample = (groupId: string): EngineEvent => ({ type: 'rpo-sample', groupId, tier: 0, timeMs: 5000, rpoSeconds: 1, throughputMBps: 1, wanMBps: 1, writeIops: 1, appliedIops: 1 });
    p.add([cp(1), cp(2, 'keep'), sample('g'), sample('keep'), sample('g')]);
    p.dropGroup('g');
    expect([...p.checkpointInserts.keys()]).toEqual([id(2, 'keep')]);
    expect([...p.samples.keys()]).toEqual(['keep']);
    expect(p.size).toBe(2);
  });
});
