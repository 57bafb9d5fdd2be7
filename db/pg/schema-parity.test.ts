import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import * as pgCore from 'drizzle-orm/pg-core';
import * as sqliteCore from 'drizzle-orm/sqlite-core';
import * as sqliteSchema from '../schema';
import * as pgSchema from './schema';
import { timestamp as pgTime, flag as pgFlag } from './schema/columns';
import { timestamp as liteTime, flag as liteFlag } from '../schema/columns';
import { describeSchema, schemaDifferences } from './schema-parity';

describe('the PostgreSQL schema (db/pg/schema) and the SQLite schema (db/schema)', () => {
  it('have the same tables, columns, nullability, defaults, keys, indexes and foreign keys', () => {
    const differences = schemaDifferences(describeSchema(sqliteSchema), describeSchema(pgSchema));
    // A failure names each table/column that differs: change the other schema to match and
    // generate its migration (README "Database" / docs/postgresql.md).
    expect(differences).toEqual([]);
  });

  it('reads every table of both (nothing silently skipped)', () => {
    const lite = describeSchema(sqliteSchema);
    expect(Object.keys(lite).length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(describeSchema(pgSchema)).sort()).toEqual(Object.keys(lite).sort());
    expect(lite.audit_log.columns.id.autoNumber).toBe(true);
    expect(lite.operations.indexes.operations_one_open_per_group_uq.where).toContain("'awaiting-commit'");
  });
});

describe('schemaDifferences', () => {
  // Two versions of one table, the PostgreSQL one drifting in every compared way.
  const parent = sqliteCore.sqliteTable('parent', { id: sqliteCore.text('id').primaryKey() });
  const pgParent = pgCore.pgTable('parent', { id: pgCore.text('id').primaryKey() });
  const lite = sqliteCore.sqliteTable(
    'thing',
    {
      id: sqliteCore.text('id').primaryKey(),
      parentId: sqliteCore.text('parent_id').notNull().references(() => parent.id, { onDelete: 'cascade' }),
      name: sqliteCore.text('name').notNull().unique(),
      kind: sqliteCore.text('kind', { enum: ['a', 'b'] }).notNull().default('a'),
      enabled: liteFlag('enabled').notNull().default(true),
      at: liteTime('at').notNull(),
      gone: sqliteCore.text('gone'),
    },
    (t) => [sqliteCore.index('thing_parent_idx').on(t.parentId, t.at), sqliteCore.uniqueIndex('thing_open_uq').on(t.parentId).where(sql`kind = 'a'`)],
  );
  const pg = pgCore.pgTable(
    'thing',
    {
      id: pgCore.text('id').primaryKey(),
      parentId: pgCore.text('parent_id').notNull().references(() => pgParent.id),
      name: pgCore.text('name').notNull(),
      kind: pgCore.text('kind', { enum: ['a', 'b', 'c'] }).notNull().default('b'),
      enabled: pgFlag('enabled').default(true),
      at: pgCore.text('at').notNull(),
      extra: pgCore.integer('extra'),
    },
    (t) => [pgCore.index('thing_parent_idx').on(t.at, t.parentId), pgCore.uniqueIndex('thing_open_uq').on(t.parentId).where(sql`kind = 'b'`), pgCore.index('thing_name_idx').on(t.name)],
  );
  const pgOnly = pgCore.pgTable('pg_only', { id: pgTime('id') });

  it('names the table and column of every difference', () => {
    const differences = schemaDifferences(describeSchema({ parent, lite }), describeSchema({ pgParent, pg, pgOnly }));
    expect(differences).toEqual([
      'table pg_only: only in the PostgreSQL schema (db/pg/schema); add it to db/schema',
      'thing.at: dataType "date" in SQLite, "string" in PostgreSQL',
      'thing.enabled: NOT NULL in SQLite, nullable in PostgreSQL',
      'thing.extra: column only in the PostgreSQL schema; add it to db/schema',
      'thing.gone: column only in the SQLite schema; add it to db/pg/schema',
      'thing.kind: default "a" in SQLite, "b" in PostgreSQL',
      'thing.kind: enumValues ["a","b"] in SQLite, ["a","b","c"] in PostgreSQL',
      'thing.name: unique true in SQLite, false in PostgreSQL',
      'thing: index thing_name_idx only in the PostgreSQL schema',
      'thing: index thing_open_uq is {"columns":["parent_id"],"unique":true,"where":"kind = \'a\'"} in SQLite, {"columns":["parent_id"],"unique":true,"where":"kind = \'b\'"} in PostgreSQL',
      'thing: index thing_parent_idx is {"columns":["parent_id","at"],"unique":false,"where":null} in SQLite, {"columns":["at","parent_id"],"unique":false,"where":null} in PostgreSQL',
      'thing.parent_id: foreign key {"foreignTable":"parent","foreignColumns":["id"],"onDelete":"cascade","onUpdate":"no action"} in SQLite, {"foreignTable":"parent","foreignColumns":["id"],"onDelete":"no action","onUpdate":"no action"} in PostgreSQL',
    ]);
  });

  it('finds nothing between a table and itself', () => {
    expect(schemaDifferences(describeSchema({ parent, lite }), describeSchema({ parent, lite }))).toEqual([]);
  });
});
