/**
 * The live stream announces a change only once its transaction has committed (db/after-commit.ts
 * through db/client.ts): a write that rolls back, or a savepoint rolled back inside a committed
 * one, announces nothing. Real SQLite, the process's publisher.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { inTransaction } from '@/db/after-commit';
import { protectionGroups } from '@/db/schema';
import { ACME_ADMIN } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { audit } from './audit';
import { liveEvents, publishLive, type LiveMessage } from './live-events';

let db: DB;
let got: LiveMessage[] = [];
let unsubscribe = () => {};
beforeAll(async () => {
  db = await seededTestDb();
});
const listen = () => {
  liveEvents().flush();
  got = [];
  unsubscribe = liveEvents().subscribe({ tenantId: null }, (m) => got.push(m)).unsubscribe;
};
afterEach(() => unsubscribe());

const touchGroup = (tx: Parameters<Parameters<DB['transaction']>[0]>[0], rto: number) => {
  tx.update(protectionGroups).set({ rtoTargetMinutes: rto }).where(eq(protectionGroups.id, 'grp_acme_sql')).run();
  audit(tx, ACME_ADMIN, { action: 'group.update', targetType: 'protection-group', targetId: 'grp_acme_sql', details: { rto } });
};
const rto = () => db.select({ v: protectionGroups.rtoTargetMinutes }).from(protectionGroups).where(eq(protectionGroups.id, 'grp_acme_sql')).get()?.v;
const topics = () => got.flatMap((m) => m.topics);

describe('live announcements wait for COMMIT', () => {
  it('a committed write is announced, after its transaction', () => {
    listen();
    db.transaction((tx) => {
      touchGroup(tx, 51);
      expect(inTransaction()).toBe(true);
      liveEvents().flush();
      expect(got).toEqual([]); // not even queued in the publisher while the transaction is open
    });
    expect(inTransaction()).toBe(false);
    liveEvents().flush();
    expect(got).toHaveLength(1);
    expect(topics()).toEqual(expect.arrayContaining(['group:grp_acme_sql', 'groups', 'audit']));
  });

  it('a write that rolls back announces nothing', () => {
    listen();
    expect(() =>
      db.transaction((tx) => {
        touchGroup(tx, 52);
        throw new Error('refused after the audit');
      }),
    ).toThrow('refused after the audit');
    liveEvents().flush();
    expect(rto()).not.toBe(52);
    expect(got).toEqual([]);
    expect(inTransaction()).toBe(false);
  });

  it('a savepoint rolled back inside a committed transaction announces only what committed', () => {
    listen();
    db.transaction((tx) => {
      publishLive('ten_acme', ['approvals']);
      try {
        tx.transaction((sp) => {
          touchGroup(sp, 53);
          throw new Error('the savepoint fails');
        });
      } catch {
        // the decision stands, the start does not
      }
    });
    liveEvents().flush();
    expect(rto()).not.toBe(53);
    expect(topics()).toEqual(['approvals']);
  });

  it('a released savepoint is announced with its transaction; raw better-sqlite3 transactions too', () => {
    listen();
    db.transaction((tx) => tx.transaction((sp) => touchGroup(sp, 54)));
    db.$client.transaction(() => publishLive('ten_acme', ['runs']))();
    expect(() => db.$client.transaction(() => { publishLive('ten_acme', ['requests']); throw new Error('no'); }).immediate()).toThrow('no');
    liveEvents().flush();
    expect(rto()).toBe(54);
    expect(topics()).toEqual(expect.arrayContaining(['group:grp_acme_sql', 'runs']));
    expect(topics()).not.toContain('requests');
  });

  it('outside a transaction it is announced at once', () => {
    listen();
    publishLive(null, ['sites']);
    liveEvents().flush();
    expect(got.map((m) => m.topics)).toEqual([['sites']]);
  });
});
