/**
 * Backups of the portal's own SQLite database (issue 21, one machine): the file mechanics, with
 * no authorisation, audit or Next.js in them, so that the restore command (db/cli/restore.ts)
 * uses exactly the code the server does.
 *
 * - A backup is written with SQLite's online backup API (better-sqlite3 `db.backup()`), which
 *   copies the database a batch of pages at a time and yields to the event loop between
 *   batches: the portal keeps serving, and writes made meanwhile are carried into the copy.
 * - It is written to a temporary name, switched to a self-contained rollback-journal file
 *   (no -wal beside it), verified (PRAGMA integrity_check on a read-only open, and its
 *   migrations table against the live database's), and only then renamed to its final name.
 *   A sidecar `<name>.json` records what was verified; files without one show as unverified.
 * - Retention only ever deletes files whose names this module makes (BACKUP_NAME).
 */
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** `cloudshield-20261208T031500Z-1a2b3c.db`: UTC time of the start, then a random tag. */
export const BACKUP_NAME = /^cloudshield-(\d{8}T\d{6}Z)-([0-9a-f]{6})\.db$/;
/** A backup being written: never listed, removed by retention once it is an hour old (a crash left it). */
export const TEMP_NAME = /^cloudshield-\d{8}T\d{6}Z-[0-9a-f]{6}\.db\.partial$/;
const STALE_TEMP_MS = 60 * 60_000;
/** Pages copied per step of the backup API (4 KiB pages: about 4 MiB) before yielding. */
export const PAGES_PER_STEP = 1024;

export type MigrationRow = { hash: string; createdAt: number };

export type Verification = {
  ok: boolean;
  /** `ok`, or the first problems PRAGMA integrity_check reported, or why the file could not be read. */
  integrity: string;
  /** Migrations recorded in the file. */
  migrations: number;
  /** Why the file was refused (null when ok). */
  problem: string | null;
};

export type BackupSidecar = {
  file: string;
  createdAt: string;
  finishedAt: string;
  trigger: 'manual' | 'schedule';
  sizeBytes: number;
  pages: number;
  durationMs: number;
  verification: Verification;
  verifiedAt: string;
  /** The source database's path when it was taken. */
  source: string;
};

export type BackupFileInfo = {
  file: string;
  path: string;
  sizeBytes: number;
  createdAt: string;
  /** From the sidecar: true once verified after writing; false (verification failed) or null (no record). */
  verified: boolean | null;
  verifiedAt: string | null;
  trigger: 'manual' | 'schedule' | null;
  durationMs: number | null;
};

export type BackupProgress = { totalPages: number; remainingPages: number };

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

export function backupFileName(now: Date): string {
  return `cloudshield-${stamp(now)}-${crypto.randomBytes(3).toString('hex')}.db`;
}

/** The time encoded in a backup's name (UTC), or null for a name this module did not make. */
export function backupTimeOf(file: string): Date | null {
  const m = BACKUP_NAME.exec(file);
  if (!m) return null;
  const s = m[1];
  return new Date(Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(9, 11), +s.slice(11, 13), +s.slice(13, 15)));
}

/** The migrations a database file records (drizzle's `__drizzle_migrations`), oldest first. */
export function migrationsOf(sqlite: Database.Database): MigrationRow[] {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!exists) return [];
  return (sqlite.prepare('SELECT hash, created_at AS createdAt FROM __drizzle_migrations ORDER BY created_at, rowid').all() as { hash: string; createdAt: number | string }[])
    .map((r) => ({ hash: r.hash, createdAt: Number(r.createdAt) }));
}

/** The migrations this version of the portal ships (db/migrations), as the migrator records them. */
export function shippedMigrations(migrationsDir = path.join(process.cwd(), 'db', 'migrations')): MigrationRow[] {
  return readMigrationFiles({ migrationsFolder: migrationsDir }).map((m) => ({ hash: m.hash, createdAt: m.folderMillis }));
}

/**
 * Checks a backup file: it opens read-only as a SQLite database, `PRAGMA integrity_check` says
 * ok, and its migrations table is `expected` exactly (`mode: 'equal'`: the database it was taken
 * from) or a prefix of it (`mode: 'prefix'`: the migrations this version ships; an older backup
 * is migrated forward at start, a newer one cannot be read by this version).
 */
export function verifyBackupFile(file: string, expected: MigrationRow[], mode: 'equal' | 'prefix' = 'equal'): Verification {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    const rows = sqlite.pragma('integrity_check(20)', { simple: false }) as { integrity_check: string }[];
    const integrity = rows.map((r) => r.integrity_check).join('; ');
    if (integrity !== 'ok') return { ok: false, integrity, migrations: 0, problem: `integrity check failed: ${integrity}` };
    const found = migrationsOf(sqlite);
    const problem = migrationProblem(found, expected, mode);
    return { ok: !problem, integrity, migrations: found.length, problem };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, integrity: message, migrations: 0, problem: `not a readable SQLite database: ${message}` };
  } finally {
    sqlite?.close();
  }
}

/*
 * The check of a fresh backup runs in a worker thread: PRAGMA integrity_check reads every page
 * (about 0.25 s for the 12 MB demo database, tens of seconds for gigabytes) and would otherwise
 * hold the server's event loop, which the page-stepped copy is careful not to do. The worker is
 * inline code (eval) so that no separate file has to survive Next's bundling; it requires
 * better-sqlite3 from the app's node_modules, as the server does.
 */
const CHECK_IN_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  const integrity = db.pragma('integrity_check(20)').map((r) => r.integrity_check).join('; ');
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  const migrations = has ? db.prepare('SELECT hash, created_at AS createdAt FROM __drizzle_migrations ORDER BY created_at, rowid').all().map((r) => ({ hash: r.hash, createdAt: Number(r.createdAt) })) : [];
  parentPort.postMessage({ integrity, migrations });
} catch (error) {
  parentPort.postMessage({ error: String((error && error.message) || error) });
} finally {
  if (db) db.close();
}
`;

/**
 * verifyBackupFile off the event loop (a worker thread); the same answer. Falls back to the
 * synchronous check when a worker cannot be started here.
 */
export function verifyBackupFileAsync(file: string, expected: MigrationRow[], mode: 'equal' | 'prefix' = 'equal'): Promise<Verification> {
  return new Promise((resolve) => {
    const inline = (why: unknown) => {
      console.warn(`[cloudshield] backup check runs on the main thread: ${why instanceof Error ? why.message : String(why)}`);
      resolve(verifyBackupFile(file, expected, mode));
    };
    let worker: Worker;
    try {
      worker = new Worker(CHECK_IN_WORKER, { eval: true, workerData: { file } });
    } catch (error) {
      inline(error);
      return;
    }
    let answered = false;
    worker.once('message', (m: { integrity?: string; migrations?: MigrationRow[]; error?: string }) => {
      answered = true;
      if (m.error !== undefined) resolve({ ok: false, integrity: m.error, migrations: 0, problem: `not a readable SQLite database: ${m.error}` });
      else if (m.integrity !== 'ok') resolve({ ok: false, integrity: m.integrity!, migrations: 0, problem: `integrity check failed: ${m.integrity}` });
      else {
        const problem = migrationProblem(m.migrations!, expected, mode);
        resolve({ ok: !problem, integrity: m.integrity, migrations: m.migrations!.length, problem });
      }
    });
    worker.once('error', (error) => {
      if (!answered) inline(error);
      answered = true;
    });
    worker.once('exit', (code) => {
      if (!answered) inline(`the worker exited with ${code}`);
      answered = true;
    });
  });
}

function migrationProblem(found: MigrationRow[], expected: MigrationRow[], mode: 'equal' | 'prefix'): string | null {
  if (!found.length) return 'it records no migrations: not a CloudShield database';
  if (found.length > expected.length) {
    return mode === 'equal'
      ? `it records ${found.length} migrations, the database ${expected.length}`
      : `it records ${found.length} migrations, this version of the portal knows ${expected.length}: restore it with the version that took it`;
  }
  if (mode === 'equal' && found.length !== expected.length) return `it records ${found.length} migrations, the database ${expected.length}`;
  for (let i = 0; i < found.length; i++) {
    if (found[i].hash !== expected[i].hash || found[i].createdAt !== expected[i].createdAt) return `its migration #${i + 1} differs from ${mode === 'equal' ? "the database's" : "this version's"}`;
  }
  return null;
}

export class BackupFailedError extends Error {
  constructor(message: string, readonly verification?: Verification) {
    super(message);
    this.name = 'BackupFailedError';
  }
}

/**
 * Writes a verified backup of `source` (a better-sqlite3 handle on a database file) into `dir`.
 * Resolves with the final file's record; on any failure (the copy, the check) the temporary
 * file is removed and a BackupFailedError says why.
 */
export async function writeBackup(
  source: Database.Database,
  dir: string,
  { now = new Date(), trigger = 'manual', onProgress, pagesPerStep = PAGES_PER_STEP }: { now?: Date; trigger?: 'manual' | 'schedule'; onProgress?: (p: BackupProgress) => void; pagesPerStep?: number } = {},
): Promise<BackupSidecar> {
  if (source.memory || !source.name) throw new BackupFailedError('The portal database is in memory: there is no file to back up.');
  const file = backupFileName(now);
  const final = path.join(dir, file);
  const temp = `${final}.partial`;
  const started = performance.now();
  let pages = 0;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const meta = await source.backup(temp, {
      progress: (p) => {
        pages = p.totalPages;
        onProgress?.(p);
        return pagesPerStep;
      },
    });
    pages = meta.totalPages;
    // One self-contained file: a copy of a WAL database is itself in WAL mode, which a read-only open could not read without a -shm beside it.
    const copy = new Database(temp, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const verification = await verifyBackupFileAsync(temp, migrationsOf(source), 'equal');
    if (!verification.ok) throw new BackupFailedError(`The backup did not verify: ${verification.problem}`, verification);
    fs.renameSync(temp, final);
    const finishedAt = new Date(now.getTime() + (performance.now() - started));
    const sidecar: BackupSidecar = {
      file, createdAt: now.toISOString(), finishedAt: finishedAt.toISOString(), trigger,
      sizeBytes: fs.statSync(final).size, pages, durationMs: Math.round(performance.now() - started),
      verification, verifiedAt: finishedAt.toISOString(), source: source.name,
    };
    fs.writeFileSync(`${final}.json`, `${JSON.stringify(sidecar, null, 2)}\n`);
    return sidecar;
  } catch (error) {
    for (const leftover of [temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`]) {
      try {
        fs.rmSync(leftover, { force: true });
      } catch {
        /* the folder itself is what failed */
      }
    }
    if (error instanceof BackupFailedError) throw error;
    throw new BackupFailedError(`The backup could not be written: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readSidecar(file: string): BackupSidecar | null {
  try {
    return JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as BackupSidecar;
  } catch {
    return null;
  }
}

/** The backups in `dir` (names this module makes only), newest first. */
export function listBackupFiles(dir: string): BackupFileInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupFileInfo[] = [];
  for (const name of names) {
    const time = backupTimeOf(name);
    if (!time) continue;
    const full = path.join(dir, name);
    let size: number;
    try {
      const stat = fs.statSync(full);
      if (!stat.isFile()) continue;
      size = stat.size;
    } catch {
      continue;
    }
    const sidecar = readSidecar(full);
    out.push({
      file: name, path: full, sizeBytes: size, createdAt: time.toISOString(),
      verified: sidecar ? sidecar.verification.ok : null, verifiedAt: sidecar?.verifiedAt ?? null,
      trigger: sidecar?.trigger ?? null, durationMs: sidecar?.durationMs ?? null,
    });
  }
  // The name's time is to the second; the name itself breaks ties the same way every time.
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.file.localeCompare(a.file));
}

export type Retention = { keep: number; maxAgeDays: number };

/**
 * Deletes the backups beyond the newest `keep`, and those older than `maxAgeDays` (0: no age
 * limit), but never the newest verified one; also temporary files a crash left over an hour ago.
 * Only names this module makes are touched. Returns the deleted file names.
 */
export function pruneBackups(dir: string, { keep, maxAgeDays }: Retention, now = new Date()): string[] {
  const all = listBackupFiles(dir);
  const newestVerified = all.find((b) => b.verified === true)?.file;
  const cutoff = maxAgeDays > 0 ? now.getTime() - maxAgeDays * 86_400_000 : -Infinity;
  const deleted: string[] = [];
  all.forEach((b, i) => {
    if (b.file === newestVerified) return;
    if (i < keep && Date.parse(b.createdAt) >= cutoff) return;
    fs.rmSync(b.path, { force: true });
    fs.rmSync(`${b.path}.json`, { force: true });
    deleted.push(b.file);
  });
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    /* no folder: nothing left over */
  }
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    const full = path.join(dir, name);
    if (now.getTime() - fs.statSync(full).mtimeMs > STALE_TEMP_MS) {
      fs.rmSync(full, { force: true });
      deleted.push(name);
    }
  }
  return deleted;
}
