/**
 * Issue 19 item 8: refusals and failed attempts cannot flood the append-only trail. Identical
 * ones within a minute are one entry with a count (the first written at once); past a cap of
 * distinct entries per source and minute the rest collapse into one "suppressed" entry per
 * outcome and tenant. Successes are never aggregated. Time is vitest's fake clock.
 */
import { randomUUID } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DB } from '@/db';
import { auditLog } from '@/db/schema';
import { ForbiddenError } from '@/lib/core/errors';
import { authorize } from '@/lib/domain/core/authorize';
import { listAudit } from '@/lib/domain/audit/audit-log';
import { ACME_ADMIN, ACME_USER } from '@/lib/testing/actors';
import { seededTestDb, testDb } from '@/lib/testing/db';
import { audit, AUDIT_AGGREGATE_SECONDS, AUDIT_DISTINCT_PER_SOURCE, SUPPRESSED_ACTION } from './audit';

const T0 = Date.UTC(2026, 11, 8, 9, 0, 0);
let db: DB;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  db = testDb();
});
afterEach(() => vi.useRealTimers());

const OTHER_USER = { ...ACME_USER, userId: 'usr_someone_else', email: 'someone@acme.test' };
const rows = () => db.select().from(auditLog).orderBy(asc(auditLog.id)).all();
const failedSignIn = (email: string, sourceIp: string | null) =>
  audit(db, null, { action: 'auth.sign-in-failed', outcome: 'failed', tenantId: null, sourceIp, details: { email, reason: 'unknown-email', channel: 'web' } });
const refuse = (actor = ACME_USER) => expect(() => authorize(db, actor, 'operation:run', { type: 'protection-group', id: 'grp_acme_web' })).toThrow(ForbiddenError);

describe('aggregating denials and failures', () => {
  it('500 failed sign-ins for random emails from one address: a bounded number of entries whose counts add up to 500', () => {
    for (let i = 0; i < 500; i++) {
      failedSignIn(`${randomUUID()}@example.test`, '203.0.113.9');
      vi.advanceTimersByTime(100); // 50 s in all: one minute
    }
    const all = rows();
    expect(all.length).toBeLessThanOrEqual(AUDIT_DISTINCT_PER_SOURCE + 1);
    expect(all.reduce((n, r) => n + r.count, 0)).toBe(500);
    // The first ones are written as they were; the rest are one suppressed entry with their count.
    expect(all.slice(0, AUDIT_DISTINCT_PER_SOURCE).every((r) => r.action === 'auth.sign-in-failed' && r.count === 1)).toBe(true);
    const suppressed = all.at(-1)!;
    expect(suppressed).toMatchObject({ action: SUPPRESSED_ACTION, outcome: 'failed', sourceIp: '203.0.113.9', actorId: null, count: 500 - AUDIT_DISTINCT_PER_SOURCE });
    expect(suppressed.details).toMatchObject({ firstAction: 'auth.sign-in-failed' });
    expect(suppressed.lastTime!.getTime()).toBe(T0 + 499 * 100);
  });

  it('100 refused actions by a client user: one entry ×100 per minute, written at the first', () => {
    refuse();
    expect(rows()).toEqual([expect.objectContaining({ action: 'denied:operation:run', outcome: 'denied', actorId: ACME_USER.userId, count: 1, lastTime: null })]);
    for (let i = 1; i < 100; i++) {
      vi.advanceTimersByTime(500);
      refuse();
    }
    expect(rows()).toEqual([expect.objectContaining({ action: 'denied:operation:run', count: 100, time: new Date(T0), lastTime: new Date(T0 + 99 * 500) })]);
    // The next minute starts a new entry.
    vi.setSystemTime(T0 + AUDIT_AGGREGATE_SECONDS * 1000 + 1);
    refuse();
    expect(rows().map((r) => r.count)).toEqual([100, 1]);
  });

  it('keeps different actors, targets, details and addresses apart', () => {
    refuse(ACME_USER);
    refuse(OTHER_USER);
    authorize(db, ACME_USER, 'tenant:read');
    expect(() => authorize(db, ACME_USER, 'operation:run', { type: 'protection-group', id: 'grp_acme_sql' })).toThrow(ForbiddenError);
    failedSignIn('a@example.test', '192.0.2.1');
    failedSignIn('a@example.test', '192.0.2.2');
    failedSignIn('b@example.test', '192.0.2.1');
    failedSignIn('a@example.test', '192.0.2.1');
    expect(rows().map((r) => r.count)).toEqual([1, 1, 1, 2, 1, 1]);
  });

  it('never aggregates a success', () => {
    for (let i = 0; i < 3; i++) audit(db, ACME_ADMIN, { action: 'group.update', targetType: 'protection-group', targetId: 'grp_acme_web' });
    for (let i = 0; i < 50; i++) audit(db, null, { action: 'auth.sign-in', outcome: 'success', sourceIp: '203.0.113.9' });
    const all = rows();
    expect(all).toHaveLength(53);
    expect(all.every((r) => r.count === 1 && r.lastTime === null)).toBe(true);
  });

  it('caps distinct entries per source and minute, per tenant for the suppressed entry, and starts afresh the next minute', () => {
    for (let i = 0; i < AUDIT_DISTINCT_PER_SOURCE + 10; i++) {
      expect(() => authorize(db, ACME_USER, 'operation:run', { type: 'protection-group', id: `grp_${i}` })).toThrow(ForbiddenError);
    }
    const all = rows();
    expect(all).toHaveLength(AUDIT_DISTINCT_PER_SOURCE + 1);
    expect(all.at(-1)).toMatchObject({ action: SUPPRESSED_ACTION, outcome: 'denied', actorId: ACME_USER.userId, tenantId: 'ten_acme', count: 10 });
    // Another source is not affected by this one's cap.
    refuse(OTHER_USER);
    expect(rows().at(-1)).toMatchObject({ action: 'denied:operation:run', actorId: 'usr_someone_else', count: 1 });
    vi.advanceTimersByTime(AUDIT_AGGREGATE_SECONDS * 1000 + 1);
    expect(() => authorize(db, ACME_USER, 'operation:run', { type: 'protection-group', id: 'grp_new' })).toThrow(ForbiddenError);
    expect(rows().at(-1)).toMatchObject({ action: 'denied:operation:run', targetId: 'grp_new', count: 1 });
  });
});

describe('the trail stays append-only', () => {
  it('refuses any change but a denial aggregate counting up within its minute', () => {
    refuse();
    refuse();
    audit(db, ACME_ADMIN, { action: 'group.update', targetType: 'protection-group', targetId: 'grp_acme_web' });
    const [denied, success] = rows();
    /** The database's answer to a statement: 'ok', or its error (drizzle wraps it as the cause). */
    const run = (q: ReturnType<typeof sql>) => {
      try {
        db.run(q);
        return 'ok';
      } catch (error) {
        return String((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
      }
    };
    // Rewriting history, shrinking a count, or counting a success is refused by the database.
    expect(run(sql`update audit_log set action = 'nothing' where id = ${denied.id}`)).toMatch(/append-only/);
    expect(run(sql`update audit_log set details = '{}' where id = ${denied.id}`)).toMatch(/append-only/);
    expect(run(sql`update audit_log set count = 1 where id = ${denied.id}`)).toMatch(/append-only/);
    expect(run(sql`update audit_log set count = count + 1, last_time = ${T0 + 1} where id = ${success.id}`)).toMatch(/append-only/);
    expect(run(sql`update audit_log set count = count + 1, last_time = ${T0 + 61_000} where id = ${denied.id}`)).toMatch(/append-only/);
    expect(run(sql`delete from audit_log where id = ${denied.id}`)).toMatch(/append-only/);
    expect(rows()[0]).toMatchObject({ count: 2, action: 'denied:operation:run' });
    // What the writer does is accepted.
    expect(run(sql`update audit_log set count = count + 1, last_time = ${T0 + 30_000} where id = ${denied.id}`)).toBe('ok');
  });
});

describe('reading aggregated entries', () => {
  it('GET /audit answers each entry with its count and the time of its last occurrence', async () => {
    const seeded = await seededTestDb(new Date(T0));
    db = seeded;
    for (let i = 0; i < 37; i++) {
      refuse();
      vi.advanceTimersByTime(1000);
    }
    audit(db, ACME_ADMIN, { action: 'group.update', targetType: 'protection-group', targetId: 'grp_acme_web' });
    const page = await listAudit(db, ACME_ADMIN, { limit: 2 });
    expect(page.items[0]).toMatchObject({ action: 'group.update', count: 1, lastTime: null });
    expect(page.items[1]).toMatchObject({ action: 'denied:operation:run', count: 37, time: new Date(T0).toISOString(), lastTime: new Date(T0 + 36_000).toISOString() });
  });
});
