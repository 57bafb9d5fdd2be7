/**
 * The PostgreSQL foundation against a real server (issue 21): db/pg/migrations apply to a fresh
 * database (twice at once too, as several instances starting together would), the tables are the
 * schema's, values come back as the SQLite client returns them, and the audit trail is append-only
 * with the same one exception as SQLite's migration 0020 — the same statements, run against both
 * databases, get the same answers.
 *
 * The server: PG_TEST_URL, or one scripts/ensure-postgres.sh starts (db/pg/testing.ts).
 * Never skipped — without a server this fails saying why.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql, type SQL } from 'drizzle-orm';
import { openDatabase } from '../client';
import { testPostgresDatabase, type TestPostgresDatabase } from './testing';
import { closePostgres, isPostgresUrl, migratePostgres, openPostgres, type PgDB } from './client';
import * as pgSchema from './schema';
import { describeSchema } from './schema-parity';

// Every migration drizzle-kit has generated (db/pg/migrations/meta/_journal.json).
const MIGRATIONS = (JSON.parse(readFileSync(new URL('./migrations/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] }).entries.length;

let database: TestPostgresDatabase;
let db: PgDB;

beforeAll(async () => {
  database = await testPostgresDatabase();
  db = await openPostgres(database.url, { migrations: false });
  // Two instances starting at once: one migrates, the other waits for it and finds nothing to do.
  await Promise.all([migratePostgres(db), migratePostgres(db)]);
}, 10 * 60_000);

afterAll(async () => {
  if (db) await closePostgres(db);
  if (database) await database.drop();
});

describe('db/pg/migrations on a fresh database', () => {
  it('creates every table of the schema, each migration applied once', async () => {
    const tables = await db.execute<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`);
    expect(tables.rows.map((r) => r.table_name)).toEqual(Object.keys(describeSchema(pgSchema)).sort());
    const applied = await db.execute<{ n: string }>(sql`select count(*) as n from drizzle.__drizzle_migrations`);
    expect(Number(applied.rows[0].n)).toBe(MIGRATIONS);
    await migratePostgres(db);
    expect(Number((await db.execute<{ n: string }>(sql`select count(*) as n from drizzle.__drizzle_migrations`)).rows[0].n)).toBe(MIGRATIONS);
  });

  it('matches the schema column by column, so a schema change without its generated migration fails here', async () => {
    const shape = describeSchema(pgSchema);
    const expected = Object.entries(shape).flatMap(([table, t]) => Object.entries(t.columns).map(([column, c]) => `${table}.${column} ${c.notNull ? 'NOT NULL' : 'null'}`));
    const columns = await db.execute<{ table_name: string; column_name: string; is_nullable: string }>(
      sql`select table_name, column_name, is_nullable from information_schema.columns where table_schema = 'public'`,
    );
    expect(columns.rows.map((r) => `${r.table_name}.${r.column_name} ${r.is_nullable === 'NO' ? 'NOT NULL' : 'null'}`).sort()).toEqual(expected.sort());
    const indexes = await db.execute<{ indexname: string }>(sql`select indexname from pg_indexes where schemaname = 'public'`);
    const names = new Set(indexes.rows.map((r) => r.indexname));
    for (const [table, t] of Object.entries(shape)) for (const index of Object.keys(t.indexes)) expect(names.has(index), `index ${index} of ${table}`).toBe(true);
  });

  it('returns the values the SQLite client returns: Dates to the millisecond, JSON as written, booleans, numbered ids', async () => {
    const time = new Date('2026-03-01T10:00:00.123Z');
    const [row] = await db
      .insert(pgSchema.auditLog)
      .values({ time, action: 'test.round-trip', outcome: 'success', details: { a: 1, nested: { b: [true] } } })
      .returning();
    expect(row).toMatchObject({ time, action: 'test.round-trip', details: { a: 1, nested: { b: [true] } }, count: 1, lastTime: null });
    expect(typeof row.id).toBe('number');
    // JSON is kept as written, key order included, as SQLite's text column keeps it (a webhook body is re-sent from it).
    const [ordered] = await db.insert(pgSchema.auditLog).values({ time, action: 'test.key-order', outcome: 'success', details: { zeta: 1, a: 2 } }).returning();
    expect(Object.keys(ordered.details ?? {})).toEqual(['zeta', 'a']);
    await db.insert(pgSchema.sites).values({ id: 'site_x', name: 'X', country: 'GB', timezone: 'Europe/London', capacityVcpuGhz: 1.5, capacityMemoryGb: 2, capacityStorageGb: 3 });
    await db.insert(pgSchema.siteLinks).values({ id: 'lnk_x', siteAId: 'site_x', siteBId: 'site_x', latencyMs: 3, capacityMbps: 1000 });
    const [link] = await db.select().from(pgSchema.siteLinks).where(eq(pgSchema.siteLinks.id, 'lnk_x'));
    expect(link.up).toBe(true);
    const [site] = await db.select().from(pgSchema.sites).where(eq(pgSchema.sites.id, 'site_x'));
    expect(site).toMatchObject({ capacityVcpuGhz: 1.5, status: 'online', hostsTotal: 8 });
  });
});

describe('isPostgresUrl', () => {
  it('tells a server URL from a SQLite file', () => {
    expect(isPostgresUrl('postgres://u@h/db')).toBe(true);
    expect(isPostgresUrl('postgresql://u@h:5432/db')).toBe(true);
    expect(isPostgresUrl('./data/cloudshield.db')).toBe(false);
    expect(isPostgresUrl('file:./postgres.db')).toBe(false);
  });
});

describe('the audit trail is append-only on PostgreSQL as on SQLite', () => {
  const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);

  /** One scenario, written once, run on either database: `at(ms)` is a time as that database stores it. */
  async function scenario(run: (q: SQL) => Promise<string>, at: (ms: number) => SQL, dialect: 'sqlite' | 'pg') {
    const id = async (action: string) => {
      const r = await run(sql`insert into audit_log (time, action, outcome) values (${at(T0)}, ${action}, ${action === 'ok' ? 'success' : 'denied'})`);
      if (r !== 'ok') throw new Error(r);
    };
    await id('denied:thing');
    await id('ok');
    const denied = sql`(select min(id) from audit_log where action = 'denied:thing')`;
    const success = sql`(select min(id) from audit_log where action = 'ok')`;
    const answers: Record<string, string> = {};
    const step = async (name: string, q: SQL) => {
      const answer = await run(q);
      // Refused by the trigger, or some other error (a mistake in the statement) shown as it is.
      answers[name] = answer === 'ok' ? 'ok' : answer.includes('audit_log is append-only') ? 'refused' : `error: ${answer}`;
    };
    // Each step is refused, but the few marked ok (what lib/core/audit.ts does).
    await step('rewrite action', sql`update audit_log set action = 'nothing' where id = ${denied}`);
    await step('rewrite details', sql`update audit_log set details = '{}' where id = ${denied}`);
    await step('count without last_time', sql`update audit_log set count = count + 1 where id = ${denied}`);
    await step('count a success', sql`update audit_log set count = count + 1, last_time = ${at(T0 + 1)} where id = ${success}`);
    await step('count at 60 s', sql`update audit_log set count = count + 1, last_time = ${at(T0 + 60_000)} where id = ${denied}`);
    await step('count at 30 s', sql`update audit_log set count = count + 1, last_time = ${at(T0 + 30_000)} where id = ${denied}`);
    await step('last_time backwards', sql`update audit_log set count = count + 1, last_time = ${at(T0 + 20_000)} where id = ${denied}`);
    await step('count at 59.999 s', sql`update audit_log set count = count + 1, last_time = ${at(T0 + 59_999)} where id = ${denied}`);
    await step('count not growing', sql`update audit_log set last_time = ${at(T0 + 59_999)} where id = ${denied}`);
    await step('shrink count', sql`update audit_log set count = 1, last_time = ${at(T0 + 59_999)} where id = ${denied}`);
    await step('count and rename', sql`update audit_log set count = count + 1, last_time = ${at(T0 + 59_999)}, target_name = 'x' where id = ${denied}`);
    await step('count and renumber', sql`update audit_log set count = count + 1, last_time = ${at(T0 + 59_999)}, id = id + 100 where id = ${denied}`);
    await step('delete a refusal', sql`delete from audit_log where id = ${denied}`);
    await step('delete a success', sql`delete from audit_log where id = ${success}`);
    await step('delete all', sql`delete from audit_log`);
    if (dialect === 'pg') await step('truncate', sql`truncate audit_log`);
    return answers;
  }

  const expected = {
    'rewrite action': 'refused',
    'rewrite details': 'refused',
    'count without last_time': 'refused',
    'count a success': 'refused',
    'count at 60 s': 'refused',
    'count at 30 s': 'ok',
    'last_time backwards': 'refused',
    'count at 59.999 s': 'ok',
    'count not growing': 'refused',
    'shrink count': 'refused',
    'count and rename': 'refused',
    'count and renumber': 'refused',
    'delete a refusal': 'refused',
    'delete a success': 'refused',
    'delete all': 'refused',
  };

  /** The database's answer to a statement: 'ok', or its error's message (drizzle wraps it as the cause). */
  const message = (error: unknown) => String((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);

  it('SQLite (migration 0020) and PostgreSQL (audit_log_append_only) answer every change alike', async () => {
    const lite = openDatabase(':memory:');
    const liteAnswers = await scenario(
      async (q) => {
        try {
          lite.run(q);
          return 'ok';
        } catch (error) {
          return message(error);
        }
      },
      (ms) => sql`${ms}`,
      'sqlite',
    );
    lite.$client.close();

    await db.execute(sql`create schema scenario`);
    const pgAnswers = await db.transaction(async (tx) => {
      // A schema of its own, so the rows of the other tests stay out of it.
      await tx.execute(sql`create table scenario.audit_log (like public.audit_log including all)`);
      await tx.execute(sql`create trigger audit_log_no_update before update on scenario.audit_log for each row execute function audit_log_append_only()`);
      await tx.execute(sql`create trigger audit_log_no_delete before delete on scenario.audit_log for each row execute function audit_log_append_only()`);
      await tx.execute(sql`create trigger audit_log_no_truncate before truncate on scenario.audit_log for each statement execute function audit_log_append_only()`);
      await tx.execute(sql`set local search_path = scenario`);
      let n = 0;
      return scenario(
        async (q) => {
          const savepoint = sql.raw(`s${n++}`);
          await tx.execute(sql`savepoint ${savepoint}`);
          try {
            await tx.execute(q);
            return 'ok';
          } catch (error) {
            await tx.execute(sql`rollback to savepoint ${savepoint}`);
            return message(error);
          }
        },
        (ms) => sql`${new Date(ms).toISOString()}::timestamptz`,
        'pg',
      );
    });

    expect(liteAnswers).toEqual(expected);
    expect(pgAnswers).toEqual({ ...expected, truncate: 'refused' });
  });

  it('refuses changes to the real trail, with a message naming it', async () => {
    const [row] = await db.insert(pgSchema.auditLog).values({ time: new Date(T0), action: 'denied:x', outcome: 'denied' }).returning();
    await expect(db.update(pgSchema.auditLog).set({ action: 'y' }).where(eq(pgSchema.auditLog.id, row.id))).rejects.toSatisfy((e) => /audit_log is append-only/.test(message(e)));
    await expect(db.delete(pgSchema.auditLog)).rejects.toSatisfy((e) => /audit_log is append-only/.test(message(e)));
    await expect(db.execute(sql`truncate audit_log`)).rejects.toSatisfy((e) => /audit_log is append-only/.test(message(e)));
    const [counted] = await db
      .update(pgSchema.auditLog)
      .set({ count: 2, lastTime: new Date(T0 + 5_000) })
      .where(eq(pgSchema.auditLog.id, row.id))
      .returning();
    expect(counted).toMatchObject({ count: 2, lastTime: new Date(T0 + 5_000), action: 'denied:x' });
  });
});

describe('the configuration version moves on PostgreSQL as on SQLite', () => {
  const triggerColumns = (rows: { name: string; sql: string }[]) =>
    Object.fromEntries(rows.map((r) => [r.name, (/UPDATE OF (.*?) ON/i.exec(r.sql)?.[1] ?? '').replace(/[`"\s]/g, '')]));

  it('has the same triggers with the same UPDATE OF columns (SQLite 0023, PostgreSQL 0003)', async () => {
    const lite = openDatabase(':memory:');
    const liteRows = lite.$client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_config\\_%' ESCAPE '\\'").all() as { name: string; sql: string }[];
    lite.$client.close();
    const pgRows = (await db.execute(sql`SELECT tgname AS name, pg_get_triggerdef(oid) AS sql FROM pg_trigger WHERE tgname LIKE '%\_config\_%' AND NOT tgisinternal`)).rows as { name: string; sql: string }[];
    expect(liteRows.length).toBeGreaterThan(10);
    expect(triggerColumns(pgRows)).toEqual(triggerColumns(liteRows));
  });

  it('counts a change of configuration, not of replication state', async () => {
    const version = async () => ((await db.execute(sql`SELECT n FROM config_version WHERE id = 1`)).rows[0] as { n: number }).n;
    const before = await version();
    await db.update(pgSchema.protectionGroups).set({ status: 'protected' as never }).where(sql`false`);
    expect(await version()).toBe(before);
    await db.update(pgSchema.protectionGroups).set({ rpoTargetSeconds: 300 }).where(sql`false`);
    expect(await version()).toBe(before + 1);
  });
});
