/**
 * The backup file mechanics on real SQLite temp files: the online backup (temp name, renamed
 * when verified, one self-contained file, writes made meanwhile carried in), verification
 * (integrity, migrations), and retention (count, age, only our own files).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { testDb, testTempDir } from '@/lib/testing/db';
import {
  BACKUP_NAME, backupTimeOf, listBackupFiles, migrationsOf, pruneBackups, shippedMigrations, verifyBackupFile, verifyBackupFileAsync, writeBackup, BackupFailedError,
} from './files';

const T0 = new Date('2026-12-01T03:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);

/** A migrated database on a temp file with a table of filler rows (many pages). */
function sourceDb(rows = 2000) {
  const db = testDb();
  db.$client.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.$client.prepare('INSERT INTO filler (body) VALUES (?)');
  db.$client.transaction(() => { for (let i = 0; i < rows; i++) insert.run(`row ${i} `.padEnd(400, 'x')); })();
  return db;
}

describe('writeBackup', () => {
  it('writes a verified, self-contained copy under its final name, with a sidecar, and reports progress', async () => {
    const db = sourceDb();
    const dir = path.join(testTempDir(), 'backups');
    const progress: number[] = [];
    const result = await writeBackup(db.$client, dir, { now: T0, pagesPerStep: 50, onProgress: (p) => progress.push(p.remainingPages) });

    expect(result.file).toMatch(BACKUP_NAME);
    expect(backupTimeOf(result.file)?.toISOString()).toBe(T0.toISOString());
    expect(fs.readdirSync(dir).sort()).toEqual([result.file, `${result.file}.json`]);
    expect(result.verification).toMatchObject({ ok: true, integrity: 'ok', problem: null, migrations: shippedMigrations().length });
    expect(result.pages).toBeGreaterThan(50);
    expect(progress.length).toBeGreaterThan(1);

    const copy = new Database(path.join(dir, result.file), { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(2000);
    expect(migrationsOf(copy)).toEqual(migrationsOf(db.$client));
    copy.close();

    expect(listBackupFiles(dir)).toEqual([expect.objectContaining({ file: result.file, verified: true, trigger: 'manual', sizeBytes: fs.statSync(path.join(dir, result.file)).size })]);
  });

  it('carries writes made while it runs into the copy (the portal keeps working)', async () => {
    const db = sourceDb(4000);
    const dir = path.join(testTempDir(), 'backups');
    let steps = 0;
    const running = writeBackup(db.$client, dir, { now: T0, pagesPerStep: 5, onProgress: () => void steps++ });
    // Between two steps of the backup, the portal writes.
    await new Promise((resolve) => setImmediate(resolve));
    db.$client.prepare('INSERT INTO filler (body) VALUES (?)').run('written mid-backup');
    const result = await running;
    expect(steps).toBeGreaterThan(2);
    const copy = new Database(path.join(dir, result.file), { readonly: true });
    expect(copy.prepare("SELECT count(*) FROM filler WHERE body = 'written mid-backup'").pluck().get()).toBe(1);
    copy.close();
  });

  it('refuses an in-memory database, leaving nothing behind', async () => {
    const db = openDatabase(':memory:');
    const dir = path.join(testTempDir(), 'backups');
    await expect(writeBackup(db.$client, dir)).rejects.toThrow(BackupFailedError);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('removes the temporary file when the copy cannot be written', async () => {
    const db = sourceDb(10);
    const dir = testTempDir();
    fs.writeFileSync(path.join(dir, 'backups'), 'a file where the folder should be');
    await expect(writeBackup(db.$client, path.join(dir, 'backups'), { now: T0 })).rejects.toThrow(/could not be written/);
    expect(fs.readdirSync(dir)).toEqual(['backups']);
  });
});

describe('verifyBackupFile', () => {
  async function backupOf() {
    const db = sourceDb(500);
    const dir = path.join(testTempDir(), 'backups');
    const { file } = await writeBackup(db.$client, dir, { now: T0 });
    return { db, file: path.join(dir, file) };
  }

  it('fails a corrupted file (pages overwritten): integrity check', async () => {
    const { db, file } = await backupOf();
    const bytes = fs.readFileSync(file);
    // Scribble over pages in the middle (b-tree pages of the filler table), keeping the header.
    for (let i = 8 * 4096; i < 40 * 4096 && i < bytes.length; i += 7) bytes[i] = (bytes[i] + 91) & 0xff;
    fs.writeFileSync(file, bytes);
    const v = verifyBackupFile(file, migrationsOf(db.$client));
    expect(v.ok).toBe(false);
    expect(v.problem).toMatch(/integrity check failed|not a readable SQLite database/);
  });

  it('fails a file that is not a database, and a missing file', async () => {
    const dir = testTempDir();
    fs.writeFileSync(path.join(dir, 'x.db'), 'hello, not a database'.repeat(300));
    expect(verifyBackupFile(path.join(dir, 'x.db'), shippedMigrations())).toMatchObject({ ok: false, problem: expect.stringMatching(/^not a readable SQLite database/) });
    expect(verifyBackupFile(path.join(dir, 'missing.db'), shippedMigrations()).ok).toBe(false);
  });

  it('fails a database whose migrations table does not match; prefix mode accepts an older one and refuses a newer', async () => {
    const { db, file } = await backupOf();
    const expected = migrationsOf(db.$client);
    expect(verifyBackupFile(file, expected, 'equal').ok).toBe(true);

    const older = new Database(file);
    older.prepare('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)').run();
    older.close();
    expect(verifyBackupFile(file, expected, 'equal')).toMatchObject({ ok: false, problem: `it records ${expected.length - 1} migrations, the database ${expected.length}` });
    expect(verifyBackupFile(file, expected, 'prefix').ok).toBe(true);

    const newer = new Database(file);
    newer.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('f'.repeat(64), 9_999_999_999_999);
    newer.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('e'.repeat(64), 9_999_999_999_998);
    newer.close();
    expect(verifyBackupFile(file, expected, 'prefix')).toMatchObject({ ok: false, problem: expect.stringMatching(/this version of the portal knows/) });

    const altered = new Database(file);
    altered.prepare('DELETE FROM __drizzle_migrations WHERE created_at > 9000000000000').run();
    altered.prepare('UPDATE __drizzle_migrations SET hash = ? WHERE rowid = (SELECT min(rowid) FROM __drizzle_migrations)').run('0'.repeat(64));
    altered.close();
    expect(verifyBackupFile(file, expected, 'prefix')).toMatchObject({ ok: false, problem: "its migration #1 differs from this version's" });
  });

  it('the check in a worker thread (as a fresh backup is checked, off the event loop) gives the same answers', async () => {
    const { db, file } = await backupOf();
    const expected = migrationsOf(db.$client);
    expect(await verifyBackupFileAsync(file, expected)).toEqual(verifyBackupFile(file, expected));
    expect((await verifyBackupFileAsync(file, expected)).ok).toBe(true);
    expect(await verifyBackupFileAsync(file, expected.slice(1), 'prefix')).toEqual(verifyBackupFile(file, expected.slice(1), 'prefix'));
    expect((await verifyBackupFileAsync(file, expected.slice(1), 'prefix')).ok).toBe(false);
    const bytes = fs.readFileSync(file);
    for (let i = 8 * 4096; i < 40 * 4096 && i < bytes.length; i += 7) bytes[i] = (bytes[i] + 91) & 0xff;
    fs.writeFileSync(file, bytes);
    const corrupt = await verifyBackupFileAsync(file, expected);
    expect(corrupt).toEqual(verifyBackupFile(file, expected));
    expect(corrupt.ok).toBe(false);
    const missing = path.join(path.dirname(file), 'missing.db');
    expect(await verifyBackupFileAsync(missing, expected)).toEqual(verifyBackupFile(missing, expected));
  });

  it('fails a SQLite database that is not the portal\'s (no migrations table)', () => {
    const file = path.join(testTempDir(), 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE t (x)');
    other.close();
    expect(verifyBackupFile(file, shippedMigrations())).toMatchObject({ ok: false, problem: 'it records no migrations: not a CloudShield database' });
  });
});

describe('pruneBackups', () => {
  /** Five daily backups (T0 … T0+4 days), and files that are not ours. */
  async function folder() {
    const db = sourceDb(10);
    const dir = path.join(testTempDir(), 'backups');
    const files: string[] = [];
    for (let i = 0; i < 5; i++) files.push((await writeBackup(db.$client, dir, { now: day(i) })).file);
    const foreign = ['cloudshield.db', 'notes.txt', 'cloudshield-2026.db', 'cloudshield-20261130T030000Z-abcdef.db.bak', 'other-20261130T030000Z-abcdef.db'];
    for (const f of foreign) fs.writeFileSync(path.join(dir, f), 'not a backup of ours');
    return { db, dir, files, foreign };
  }
  const left = (dir: string) => fs.readdirSync(dir).sort();

  it('deletes the oldest beyond the count, with their sidecars, and only files it made', async () => {
    const { dir, files, foreign } = await folder();
    const deleted = pruneBackups(dir, { keep: 3, maxAgeDays: 0 }, day(4));
    expect(deleted.sort()).toEqual([files[0], files[1]].sort());
    expect(left(dir)).toEqual([...foreign, ...files.slice(2).flatMap((f) => [f, `${f}.json`])].sort());
    // Again: nothing more to do.
    expect(pruneBackups(dir, { keep: 3, maxAgeDays: 0 }, day(4))).toEqual([]);
  });

  it('deletes those older than the age limit, but never the newest verified backup', async () => {
    const { dir, files } = await folder();
    expect(pruneBackups(dir, { keep: 10, maxAgeDays: 2 }, day(4)).sort()).toEqual([files[0], files[1]].sort());
    // Long after: everything is too old, the newest verified one stays.
    expect(pruneBackups(dir, { keep: 10, maxAgeDays: 2 }, day(40)).sort()).toEqual([files[2], files[3]].sort());
    expect(listBackupFiles(dir).map((b) => b.file)).toEqual([files[4]]);
  });

  it('keeps the newest verified backup even when newer unverified ones fill the count', async () => {
    const { db, dir, files } = await folder();
    // Two newer backups whose verification record says they failed (a copy made by hand over ours, say).
    const later = [(await writeBackup(db.$client, dir, { now: day(5) })).file, (await writeBackup(db.$client, dir, { now: day(6) })).file];
    for (const f of later) {
      const sidecar = JSON.parse(fs.readFileSync(path.join(dir, `${f}.json`), 'utf8'));
      fs.writeFileSync(path.join(dir, `${f}.json`), JSON.stringify({ ...sidecar, verification: { ...sidecar.verification, ok: false } }));
    }
    pruneBackups(dir, { keep: 2, maxAgeDays: 0 }, day(6));
    expect(listBackupFiles(dir).map((b) => [b.file, b.verified])).toEqual([[later[1], false], [later[0], false], [files[4], true]]);
  });

  it('removes temporary files a crash left behind once they are an hour old, not a running one', async () => {
    const { dir } = await folder();
    const stale = path.join(dir, 'cloudshield-20261130T030000Z-aaaaaa.db.partial');
    const fresh = path.join(dir, 'cloudshield-20261205T030000Z-bbbbbb.db.partial');
    fs.writeFileSync(stale, 'x');
    fs.writeFileSync(fresh, 'x');
    const now = Date.now();
    fs.utimesSync(stale, new Date(now - 2 * 3600_000), new Date(now - 2 * 3600_000));
    expect(pruneBackups(dir, { keep: 10, maxAgeDays: 0 }, new Date(now))).toEqual([path.basename(stale)]);
    expect(fs.existsSync(fresh)).toBe(true);
    // Never listed as a backup.
    expect(listBackupFiles(dir).some((b) => b.file.endsWith('.partial'))).toBe(false);
  });

  it('lists a backup without a sidecar as unverified (null), newest first', async () => {
    const { dir, files } = await folder();
    fs.rmSync(path.join(dir, `${files[2]}.json`));
    const list = listBackupFiles(dir);
    expect(list.map((b) => b.file)).toEqual([...files].reverse());
    expect(list.find((b) => b.file === files[2])).toMatchObject({ verified: null, verifiedAt: null, trigger: null });
  });
});
