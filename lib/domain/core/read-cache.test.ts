import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { protectionGroups } from '@/db/schema';
import { ACME_USER, GLOBEX_ADMIN } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { getGroup, listGroups } from '@/lib/domain/groups/groups';
import { cachedRead } from './read-cache';

let db: DB;
beforeAll(async () => {
  db = await seededTestDb();
});

describe('cachedRead', () => {
  it('computes once until the database changes', () => {
    let runs = 0;
    const read = () => cachedRead(db, 'k', () => ++runs);
    expect([read(), read()]).toEqual([1, 1]);
    db.update(protectionGroups).set({ rpoSeconds: 7 }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    expect(read()).toBe(2);
  });

  it('reads afresh inside a transaction', () => {
    let runs = 0;
    db.transaction((tx) => {
      cachedRead(tx, 'tx', () => ++runs);
      cachedRead(tx, 'tx', () => ++runs);
    });
    expect(runs).toBe(2);
  });

  it('shares an async read, but forgets one that failed so the next caller tries again', async () => {
    let runs = 0;
    const failing = () => cachedRead(db, 'async', () => (++runs === 1 ? Promise.reject(new Error('busy')) : Promise.resolve(runs)));
    await expect(failing()).rejects.toThrow('busy');
    await Promise.resolve();
    const second = failing();
    expect(await second).toBe(2);
    expect(failing()).toBe(second);
  });
});

describe('listGroups through the cache', () => {
  it('shows a status change at once, and keeps tenants apart', async () => {
    const before = await listGroups(db, ACME_USER);
    expect(await listGroups(db, ACME_USER)).toBe(before);
    db.update(protectionGroups).set({ status: 'rpo-not-met' }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    const after = await listGroups(db, ACME_USER);
    expect(after.find((g) => g.id === 'grp_acme_web')?.status).toBe('rpo-not-met');
    expect((await listGroups(db, GLOBEX_ADMIN)).every((g) => g.tenantId === 'ten_globex')).toBe(true);
    expect((await listGroups(db, ACME_USER)).every((g) => g.tenantId === 'ten_acme')).toBe(true);
  });
});

describe('getGroup through the cache', () => {
  it('shows a change at once, and another tenant still gets 404', async () => {
    const before = await getGroup(db, ACME_USER, 'grp_acme_web');
    expect(await getGroup(db, ACME_USER, 'grp_acme_web')).toBe(before);
    db.update(protectionGroups).set({ rpoTargetSeconds: before.rpoTargetSeconds + 60 }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    expect((await getGroup(db, ACME_USER, 'grp_acme_web')).rpoTargetSeconds).toBe(before.rpoTargetSeconds + 60);
    await expect(getGroup(db, GLOBEX_ADMIN, 'grp_acme_web')).rejects.toMatchObject({ status: 404 });
  });
});
