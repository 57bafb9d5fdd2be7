import { describe, expect, it } from 'vitest';
import type { GroupView } from '@/lib/engine';
import { LiveGroupChanges } from './live-changes';

const view = (over: Partial<GroupView> = {}): GroupView =>
  ({ id: 'g', status: 'protected', subStatus: null, rpoSeconds: 5, limitReason: null, mode: 'replicating', members: [{ vmId: 'v', syncState: 'synced', syncProgress: 1 }], ...over }) as GroupView;

describe('LiveGroupChanges', () => {
  it('announces the first look, a status change and large RPO moves, not the jitter of a healthy group', () => {
    const c = new LiveGroupChanges();
    expect(c.changed(view())).toBe(true);
    for (const rpo of [3, 8, 12, 20, 4]) expect(c.changed(view({ rpoSeconds: rpo }))).toBe(false);
    expect(c.changed(view({ rpoSeconds: 40 }))).toBe(true); // ≥ 30 s from 5
    expect(c.changed(view({ rpoSeconds: 60 }))).toBe(false); // < 30 s from 40
    expect(c.changed(view({ rpoSeconds: 600 }))).toBe(true);
    expect(c.changed(view({ rpoSeconds: 700 }))).toBe(false); // < 25 % of 600
    expect(c.changed(view({ rpoSeconds: 760 }))).toBe(true);
    expect(c.changed(view({ rpoSeconds: 760, status: 'rpo-breach' as GroupView['status'] }))).toBe(true);
    expect(c.changed(view({ rpoSeconds: null, status: 'rpo-breach' as GroupView['status'] }))).toBe(true);
  });

  it('announces sync progress in 5 % steps', () => {
    const c = new LiveGroupChanges();
    const syncing = (p: number) => view({ members: [{ vmId: 'v', syncState: 'syncing', syncProgress: p }] });
    expect(c.changed(syncing(0.1))).toBe(true);
    expect(c.changed(syncing(0.12))).toBe(false);
    expect(c.changed(syncing(0.16))).toBe(true);
    expect(c.changed(view())).toBe(true); // synced
  });
});
