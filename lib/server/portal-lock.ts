/**
 * The running portal's mark beside its database: `<database>.pid`, holding the server's process
 * id and host. Written at start (instrumentation.ts), removed at exit. `npm run db:restore`
 * refuses to replace a database whose mark names a live process, and names the process.
 *
 * A pid file rather than a SQLite lock: in WAL mode an idle server holds no lock a second
 * process could see, and an exclusive locking mode would lock out the maintenance commands
 * (seed, migrate) too. A server killed with SIGKILL leaves its file behind; the pid check then
 * finds no such process and the mark is treated as stale.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type PortalLock = { pid: number; host: string; startedAt: string; database: string };

export const lockFileOf = (databaseFile: string) => `${path.resolve(databaseFile)}.pid`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Who holds the database, if anyone: the lock file's content when its process is alive (or on
 * another host, where it cannot be checked). `stale` is a file left by a process that is gone.
 */
export function portalLockHolder(databaseFile: string): { holder: PortalLock | null; stale: PortalLock | null } {
  let lock: PortalLock;
  try {
    lock = JSON.parse(fs.readFileSync(lockFileOf(databaseFile), 'utf8')) as PortalLock;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { holder: null, stale: null };
    // Unreadable: someone wrote it; treat it as held rather than guess.
    return { holder: { pid: -1, host: 'unknown', startedAt: 'unknown', database: databaseFile }, stale: null };
  }
  if (lock.host !== os.hostname() || alive(lock.pid)) return { holder: lock, stale: null };
  return { holder: null, stale: lock };
}

/**
 * Marks the database as held by this process until it exits. Another live holder is reported
 * (two servers on one SQLite file would both run the simulator) but not refused: refusing to
 * start is a decision for the deployment, not for a backup feature.
 */
export function holdPortalLock(databaseFile: string): void {
  if (databaseFile === ':memory:') return;
  const { holder } = portalLockHolder(databaseFile);
  if (holder && holder.pid !== process.pid) console.warn(`[cloudshield] ${databaseFile} is also held by process ${holder.pid} on ${holder.host}`);
  const lock: PortalLock = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), database: path.resolve(databaseFile) };
  fs.writeFileSync(lockFileOf(databaseFile), `${JSON.stringify(lock)}\n`);
  process.once('exit', () => releasePortalLock(databaseFile));
}

/** Removes the mark if it is this process's. */
export function releasePortalLock(databaseFile: string): void {
  try {
    const lock = JSON.parse(fs.readFileSync(lockFileOf(databaseFile), 'utf8')) as PortalLock;
    if (lock.pid === process.pid && lock.host === os.hostname()) fs.rmSync(lockFileOf(databaseFile), { force: true });
  } catch {
    /* gone already */
  }
}
