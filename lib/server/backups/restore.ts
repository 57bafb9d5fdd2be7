/**
 * Restores a backup into a stopped portal (`npm run db:restore -- <file>`, db/cli/restore.ts).
 *
 * 1. Refuses while a portal holds the database (its `<database>.pid`, lib/server/portal-lock).
 * 2. Verifies the backup: integrity check, and its migrations a prefix of the ones this version
 *    ships (an older backup is migrated forward when the portal starts; a newer one is refused).
 * 3. Copies it beside the database, verifies the copy, then moves the current database (and its
 *    -wal/-shm, which belong to it) aside to `<database>.replaced-<time>` — renamed, never
 *    deleted — and renames the copy into place. Nothing is replaced when any step before fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { lockFileOf, portalLockHolder } from '@/lib/server/portal-lock';
import { shippedMigrations, verifyBackupFile, type Verification } from './files';

export type RestoreResult = {
  backup: string;
  database: string;
  verification: Verification;
  /** Where the replaced database (and its -wal/-shm) went; empty when there was none. */
  keptAside: string[];
  /** A pid file left by a portal that is no longer running (reported, then overwritten by the next start). */
  staleLock: string | null;
};

export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

export function restoreBackup({ backupFile, databaseFile, migrationsDir, now = new Date() }: { backupFile: string; databaseFile: string; migrationsDir?: string; now?: Date }): RestoreResult {
  const database = path.resolve(databaseFile);
  const backup = path.resolve(backupFile);
  if (backup === database) throw new RestoreRefusedError('The backup is the database itself.');

  const { holder, stale } = portalLockHolder(database);
  if (holder) {
    throw new RestoreRefusedError(
      `The portal is running on this database (process ${holder.pid} on ${holder.host}, since ${holder.startedAt}; ${lockFileOf(database)}). Stop it first, then restore.`,
    );
  }
  if (!fs.existsSync(backup)) throw new RestoreRefusedError(`No backup file at ${backup}.`);

  const expected = shippedMigrations(migrationsDir);
  const verification = verifyBackupFile(backup, expected, 'prefix');
  if (!verification.ok) throw new RestoreRefusedError(`The backup did not verify, nothing was changed: ${verification.problem}`);

  fs.mkdirSync(path.dirname(database), { recursive: true });
  const incoming = `${database}.restoring`;
  fs.copyFileSync(backup, incoming);
  const copied = verifyBackupFile(incoming, expected, 'prefix');
  if (!copied.ok) {
    fs.rmSync(incoming, { force: true });
    throw new RestoreRefusedError(`The copy of the backup did not verify, nothing was changed: ${copied.problem}`);
  }

  const keptAside: string[] = [];
  const aside = `${database}.replaced-${stamp(now)}`;
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (!fs.existsSync(database + suffix)) continue;
    fs.renameSync(database + suffix, aside + suffix);
    keptAside.push(aside + suffix);
  }
  fs.renameSync(incoming, database);
  return { backup, database, verification, keptAside, staleLock: stale ? `${lockFileOf(database)} (process ${stale.pid}, started ${stale.startedAt}, no longer running)` : null };
}
