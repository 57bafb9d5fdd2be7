/**
 * Backups of the portal's own state (issue 21, one machine on SQLite): the use cases behind the
 * staff page (/staff/backups), GET/POST /api/v1/admin/backups and the schedule.
 *
 * - One backup at a time per process: a second "Back up now" while one runs is refused with 409
 *   (the running one's progress in the problem's `running`); a scheduled one that falls due
 *   meanwhile is skipped (the one running is as fresh).
 * - Each ends audited: `backup.created` (success) or `backup.failed` (outcome failed, the reason
 *   in details), the latter also recorded as a provider-wide `backup.failed` notification for
 *   staff (e-mail and provider webhooks, lib/core/outbox).
 * - Retention (BACKUP_KEEP, BACKUP_MAX_AGE_DAYS) runs after every successful backup.
 */
import 'server-only';
import path from 'node:path';
import type { DB } from '@/db';
import { serverConfig } from '@/lib/config';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { ConflictError, DomainError } from '@/lib/core/errors';
import { recordEvent } from '@/lib/core/outbox';
import { authorize } from '@/lib/domain/core/authorize';
import { BackupFailedError, listBackupFiles, pruneBackups, writeBackup, type BackupFileInfo, type Retention } from '@/lib/server/backups/files';

export type BackupSettings = { dir: string; schedule: string; retention: Retention; database: string | null };

export type RunningBackup = { trigger: 'manual' | 'schedule'; startedAt: string; startedBy: string; totalPages: number; copiedPages: number; percent: number };

export type BackupDto = Omit<BackupFileInfo, 'path'>;

export type BackupList = {
  items: BackupDto[];
  running: RunningBackup | null;
  settings: { dir: string; schedule: string; nextRunAt: string | null; keep: number; maxAgeDays: number; database: string | null };
  /** Why backups cannot run here (an in-memory database), else null. */
  unavailable: string | null;
};

export type BackupResult = { backup: BackupDto; deleted: string[] };

type State = { running: RunningBackup | null; nextRunAt: (() => Date | null) | null };
const globalForBackups = globalThis as unknown as { __cloudshieldBackups?: State };
const state = (): State => (globalForBackups.__cloudshieldBackups ??= { running: null, nextRunAt: null });

/** Called by the scheduler so the list can say when the next scheduled backup runs. */
export function setNextRunSource(next: (() => Date | null) | null): void {
  state().nextRunAt = next;
}

/** Where backups of this database go and how many are kept (BACKUP_DIR defaults to `backups/` beside the database). */
export function backupSettings(db: DB): BackupSettings {
  const cfg = serverConfig();
  const database = db.$client.memory ? null : path.resolve(db.$client.name);
  const dir = path.resolve(cfg.BACKUP_DIR ?? path.join(database ? path.dirname(database) : process.cwd(), 'backups'));
  return { dir, schedule: cfg.BACKUP_SCHEDULE, retention: { keep: cfg.BACKUP_KEEP, maxAgeDays: cfg.BACKUP_MAX_AGE_DAYS }, database };
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the server's path stays on the server
const dto = ({ path: _path, ...rest }: BackupFileInfo): BackupDto => rest;

export function listBackups(db: DB, actor: Actor): BackupList {
  authorize(db, actor, 'backups:manage', { type: 'backup' });
  const settings = backupSettings(db);
  return {
    items: listBackupFiles(settings.dir).map(dto),
    running: state().running ? { ...state().running! } : null,
    settings: {
      dir: settings.dir, schedule: settings.schedule, nextRunAt: state().nextRunAt?.()?.toISOString() ?? null,
      keep: settings.retention.keep, maxAgeDays: settings.retention.maxAgeDays, database: settings.database,
    },
    unavailable: settings.database ? null : 'The portal runs on an in-memory database: there is no file to back up.',
  };
}

/** "Back up now": staff only; 409 while another backup runs; resolves when it is written and verified. */
export async function backUpNow(db: DB, actor: Actor): Promise<BackupResult> {
  authorize(db, actor, 'backups:manage', { type: 'backup' });
  return runBackup(db, actor, 'manual');
}

export class BackupRunningError extends ConflictError {
  constructor(running: RunningBackup) {
    super(`A backup is already running (started ${running.startedAt} by ${running.startedBy}, ${running.percent}% copied). Wait for it to finish; it appears in the list when done.`, { running });
  }
}

/** A backup that was written but did not verify, or could not be written: 500-class for the caller, audited and notified. */
export class BackupError extends DomainError {
  constructor(message: string) {
    super(503, 'Backup failed', message);
  }
}

/**
 * Takes one backup (the schedule and "Back up now" both come here). Refuses with
 * BackupRunningError while another runs in this process.
 */
export async function runBackup(db: DB, actor: Actor, trigger: 'manual' | 'schedule', now = new Date()): Promise<BackupResult> {
  const s = state();
  if (s.running) throw new BackupRunningError(s.running);
  const settings = backupSettings(db);
  const running: RunningBackup = { trigger, startedAt: now.toISOString(), startedBy: actor.via === 'system' ? 'the schedule' : actor.email, totalPages: 0, copiedPages: 0, percent: 0 };
  s.running = running;
  try {
    const written = await writeBackup(db.$client, settings.dir, {
      now, trigger,
      onProgress: ({ totalPages, remainingPages }) => {
        running.totalPages = totalPages;
        running.copiedPages = totalPages - remainingPages;
        running.percent = totalPages ? Math.floor((100 * running.copiedPages) / totalPages) : 0;
      },
    });
    const deleted = pruneBackups(settings.dir, settings.retention, now);
    audit(db, actor, {
      action: 'backup.created', tenantId: null, targetType: 'backup', targetId: written.file, targetName: written.file,
      details: { trigger, dir: settings.dir, sizeBytes: written.sizeBytes, pages: written.pages, durationMs: written.durationMs, integrity: written.verification.integrity, migrations: written.verification.migrations, deleted },
    });
    const info = listBackupFiles(settings.dir).find((b) => b.file === written.file);
    return { backup: info ? dto(info) : { file: written.file, sizeBytes: written.sizeBytes, createdAt: written.createdAt, verified: true, verifiedAt: written.verifiedAt, trigger, durationMs: written.durationMs }, deleted };
  } catch (error) {
    const reason = error instanceof BackupFailedError ? error.message : `The backup could not be written: ${error instanceof Error ? error.message : String(error)}`;
    recordFailure(db, actor, trigger, settings.dir, reason, now);
    throw new BackupError(reason);
  } finally {
    s.running = null;
  }
}

function recordFailure(db: DB, actor: Actor, trigger: 'manual' | 'schedule', dir: string, reason: string, now: Date): void {
  try {
    db.transaction((tx) => {
      audit(tx, actor, { action: 'backup.failed', tenantId: null, targetType: 'backup', targetName: null, outcome: 'failed', details: { trigger, dir, reason } });
      recordEvent(tx, {
        type: 'backup.failed', tenantId: null, occurredAt: now.getTime(),
        payload: { subject: 'Backup of the portal database failed', summary: `${trigger === 'schedule' ? 'The scheduled' : 'A manual'} backup into ${dir} failed. ${reason}`, dir, reason, trigger },
      });
    });
  } catch (error) {
    // The database itself may be what failed: the log is the last place to say so.
    console.error('[cloudshield] backup failed, and so did recording it', reason, error);
  }
}

/** For tests: forget a running backup's mark (a test that failed half-way). */
export function resetBackupStateForTests(): void {
  globalForBackups.__cloudshieldBackups = { running: null, nextRunAt: null };
}
