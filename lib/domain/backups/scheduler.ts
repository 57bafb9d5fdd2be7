/**
 * Scheduled backups (BACKUP_SCHEDULE, a cron in UTC on the real clock — the portal's own state,
 * not the simulated estate). Follows the background loops' pattern (lib/operations/driver.ts,
 * lib/domain/notifications/sender.ts): a globalThis guard, an idempotent start that returns the
 * running loop's stop function, and a stop that lets the next start begin again.
 */
import 'server-only';
import { Cron } from 'croner';
import { getDb, type DB } from '@/db';
import { SYSTEM_ACTOR } from '@/lib/core/actor';
import { backupSettings, BackupRunningError, runBackup, setNextRunSource } from './service';

const globalForScheduler = globalThis as unknown as { __cloudshieldBackupScheduler?: () => void };

/**
 * Starts the schedule unless BACKUP_SCHEDULE is `off` or the database is in memory (then returns
 * a stop function that does nothing). Idempotent.
 */
export function startBackupScheduler(deps?: { db?: DB; schedule?: string; onRun?: (outcome: 'created' | 'skipped' | 'failed') => void }): () => void {
  if (globalForScheduler.__cloudshieldBackupScheduler) return globalForScheduler.__cloudshieldBackupScheduler;
  const db = deps?.db ?? getDb();
  const settings = backupSettings(db);
  const schedule = deps?.schedule ?? settings.schedule;
  if (schedule === 'off' || !settings.database) {
    if (!deps) console.log(`[cloudshield] scheduled backups off (${schedule === 'off' ? 'BACKUP_SCHEDULE=off' : 'in-memory database'})`);
    return () => {};
  }
  const job = new Cron(schedule, { timezone: 'UTC', protect: true }, async () => {
    try {
      const { backup, deleted } = await runBackup(db, SYSTEM_ACTOR, 'schedule');
      console.log(`[cloudshield] backup ${backup.file} written and verified${deleted.length ? `; retention deleted ${deleted.length}` : ''}`);
      deps?.onRun?.('created');
    } catch (error) {
      if (error instanceof BackupRunningError) {
        console.log('[cloudshield] scheduled backup skipped: another backup is running');
        deps?.onRun?.('skipped');
        return;
      }
      // Audited and notified by runBackup; the log says it too.
      console.error('[cloudshield] scheduled backup failed', error instanceof Error ? error.message : error);
      deps?.onRun?.('failed');
    }
  });
  setNextRunSource(() => job.nextRun());
  const stop = () => {
    job.stop();
    setNextRunSource(null);
    if (globalForScheduler.__cloudshieldBackupScheduler === stop) delete globalForScheduler.__cloudshieldBackupScheduler;
  };
  globalForScheduler.__cloudshieldBackupScheduler = stop;
  return stop;
}

/** Whether the schedule runs in this process (for tests and the staff page). */
export function backupSchedulerRunning(): boolean {
  return !!globalForScheduler.__cloudshieldBackupScheduler;
}
