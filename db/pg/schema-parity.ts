import { getTableName, is, SQL, Table } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * The two schemas (db/schema for SQLite, db/pg/schema for PostgreSQL) describe one database.
 * `describeSchema` reads either through drizzle's table config into one dialect-neutral shape;
 * `schemaDifferences` lists, in words naming the table and column, every way two such shapes
 * differ. db/pg/schema-parity.test.ts holds the two schemas to no differences.
 *
 * Compared: tables; columns (name, the JavaScript type drizzle maps them to, nullability, default
 * value, enum values, primary key, single-column unique, auto-numbering); composite primary keys;
 * indexes (name, columns, unique, partial-index condition); unique constraints; foreign keys
 * (columns, referenced table and columns, on delete / on update). Not compared: the SQL types
 * themselves, which differ on purpose (integer epoch ms ↔ timestamptz, 0/1 ↔ boolean, JSON text
 * ↔ json, real ↔ double precision): `dataType` is what domain code sees, and it must agree.
 */
export type ColumnShape = {
  dataType: string;
  notNull: boolean;
  primary: boolean;
  unique: boolean;
  hasDefault: boolean;
  default: string | undefined;
  enumValues: string[] | undefined;
  autoNumber: boolean;
};
export type TableShape = {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  indexes: Record<string, { columns: string[]; unique: boolean; where: string | null }>;
  uniqueConstraints: Record<string, string[]>;
  foreignKeys: Record<string, { foreignTable: string; foreignColumns: string[]; onDelete: string; onUpdate: string }>;
};
export type SchemaShape = Record<string, TableShape>;

const pgDialect = new PgDialect();
const sqliteDialect = new SQLiteSyncDialect();

function sqlText(dialect: PgDialect | SQLiteSyncDialect, where: SQL | undefined): string | null {
  if (!where) return null;
  return dialect.sqlToQuery(where).sql.replace(/\s+/g, ' ').trim();
}

function defaultText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (is(value, SQL)) return `sql:${sqliteDialect.sqlToQuery(value).sql}`;
  return JSON.stringify(value);
}

function columnNames(columns: unknown[]): string[] {
  return columns.map((c) => (c && typeof c === 'object' && 'name' in c && typeof c.name === 'string' ? c.name : is(c, SQL) ? `sql:${sqliteDialect.sqlToQuery(c).sql}` : '?'));
}

/** Every table of a schema module (its exports that are drizzle tables), by table name. */
export function describeSchema(schema: Record<string, unknown>): SchemaShape {
  const shape: SchemaShape = {};
  for (const value of Object.values(schema)) {
    if (!is(value, Table)) continue;
    const pg = is(value, PgTable);
    if (!pg && !is(value, SQLiteTable)) continue;
    const config = pg ? getPgTableConfig(value as PgTable) : getSqliteTableConfig(value as SQLiteTable);
    const dialect = pg ? pgDialect : sqliteDialect;
    const table: TableShape = { columns: {}, primaryKey: [], indexes: {}, uniqueConstraints: {}, foreignKeys: {} };
    for (const column of config.columns) {
      table.columns[column.name] = {
        dataType: column.dataType,
        notNull: column.notNull,
        primary: column.primary,
        unique: column.isUnique,
        hasDefault: column.hasDefault,
        default: defaultText(column.default),
        enumValues: column.enumValues ? [...column.enumValues] : undefined,
        autoNumber: pg ? column.generatedIdentity !== undefined : 'autoIncrement' in column && column.autoIncrement === true,
      };
    }
    for (const pk of config.primaryKeys) table.primaryKey = pk.columns.map((c) => c.name);
    for (const index of config.indexes) {
      const ic = index.config as { name?: string; columns: unknown[]; unique: boolean; where?: SQL };
      table.indexes[ic.name ?? '(unnamed)'] = { columns: columnNames(ic.columns), unique: ic.unique, where: sqlText(dialect, ic.where) };
    }
    for (const uc of config.uniqueConstraints) table.uniqueConstraints[uc.getName() ?? '(unnamed)'] = uc.columns.map((c) => c.name);
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const columns = ref.columns.map((c) => c.name);
      table.foreignKeys[columns.join(',')] = {
        foreignTable: getTableName(ref.foreignTable),
        foreignColumns: ref.foreignColumns.map((c) => c.name),
        onDelete: fk.onDelete ?? 'no action',
        onUpdate: fk.onUpdate ?? 'no action',
      };
    }
    shape[config.name] = table;
  }
  return shape;
}

const show = (v: unknown) => (v === undefined ? 'none' : JSON.stringify(v));

/** Each difference in words, e.g. `users.email: nullable in PostgreSQL, NOT NULL in SQLite`. */
export function schemaDifferences(sqlite: SchemaShape, pg: SchemaShape): string[] {
  const out: string[] = [];
  const both = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();
  for (const name of both(Object.keys(sqlite), Object.keys(pg))) {
    const s = sqlite[name];
    const p = pg[name];
    if (!s) { out.push(`table ${name}: only in the PostgreSQL schema (db/pg/schema); add it to db/schema`); continue; }
    if (!p) { out.push(`table ${name}: only in the SQLite schema (db/schema); add it to db/pg/schema`); continue; }
    for (const col of both(Object.keys(s.columns), Object.keys(p.columns))) {
      const sc = s.columns[col];
      const pc = p.columns[col];
      if (!sc) { out.push(`${name}.${col}: column only in the PostgreSQL schema; add it to db/schema`); continue; }
      if (!pc) { out.push(`${name}.${col}: column only in the SQLite schema; add it to db/pg/schema`); continue; }
      if (sc.notNull !== pc.notNull) out.push(`${name}.${col}: ${sc.notNull ? 'NOT NULL' : 'nullable'} in SQLite, ${pc.notNull ? 'NOT NULL' : 'nullable'} in PostgreSQL`);
      for (const key of ['dataType', 'primary', 'unique', 'hasDefault', 'default', 'enumValues', 'autoNumber'] as const) {
        if (JSON.stringify(sc[key]) !== JSON.stringify(pc[key])) out.push(`${name}.${col}: ${key} ${key === 'default' ? (sc[key] ?? 'none') : show(sc[key])} in SQLite, ${key === 'default' ? (pc[key] ?? 'none') : show(pc[key])} in PostgreSQL`);
      }
    }
    if (JSON.stringify(s.primaryKey) !== JSON.stringify(p.primaryKey)) out.push(`${name}: primary key (${s.primaryKey.join(', ') || 'none'}) in SQLite, (${p.primaryKey.join(', ') || 'none'}) in PostgreSQL`);
    for (const idx of both(Object.keys(s.indexes), Object.keys(p.indexes))) {
      const si = s.indexes[idx];
      const pi = p.indexes[idx];
      if (!si) { out.push(`${name}: index ${idx} only in the PostgreSQL schema`); continue; }
      if (!pi) { out.push(`${name}: index ${idx} only in the SQLite schema`); continue; }
      if (JSON.stringify(si) !== JSON.stringify(pi)) out.push(`${name}: index ${idx} is ${show(si)} in SQLite, ${show(pi)} in PostgreSQL`);
    }
    for (const uc of both(Object.keys(s.uniqueConstraints), Object.keys(p.uniqueConstraints))) {
      if (JSON.stringify(s.uniqueConstraints[uc]) !== JSON.stringify(p.uniqueConstraints[uc])) out.push(`${name}: unique constraint ${uc} is ${show(s.uniqueConstraints[uc])} in SQLite, ${show(p.uniqueConstraints[uc])} in PostgreSQL`);
    }
    for (const fk of both(Object.keys(s.foreignKeys), Object.keys(p.foreignKeys))) {
      if (JSON.stringify(s.foreignKeys[fk]) !== JSON.stringify(p.foreignKeys[fk])) out.push(`${name}.${fk}: foreign key ${show(s.foreignKeys[fk])} in SQLite, ${show(p.foreignKeys[fk])} in PostgreSQL`);
    }
  }
  return out;
}
