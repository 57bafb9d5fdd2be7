/**
 * The backup use cases on a real seeded SQLite temp file: staff only, audited, one at a time,
 * failures audited and notified to staff; and the schedule's start/stop (idempotent, as the
 * other background loops).
 */
import { and, eq } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { auditLog, outboxDeliveries, outboxEvents } from '@/db/schema';
import { ForbiddenError } from '@/lib/core/errors';
import { ACME_ADMIN, ACME_USER, STAFF, STAFF_FOR_ACME } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { backupSchedulerRunning, startBackupScheduler } from './scheduler';
import { backUpNow, BackupError, BackupRunningError, backupSettings, listBackups, resetBackupStateForTests } from './service';

let db: DB;
let stop: (() => void) | undefined;

beforeEach(async () => {
  resetBackupStateForTests();
  db = await seededTestDb(new Date('2026-12-01T10:00:00Z'));
});
afterEach(() => {
  stop?.();
  stop = undefined;
});

const entries = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();

describe('backUpNow and listBackups', () => {
  it('staff back up: written beside the database, verified, listed, audited backup.created', async () => {
    const { backup, deleted } = await backUpNow(db, STAFF);
    const dir = path.join(path.dirname(db.$client.name), 'backups');
    expect(backupSettings(db).dir).toBe(dir);
    expect(fs.existsSync(path.join(dir, backup.file))).toBe(true);
    expect(backup).toMatchObject({ verified: true, trigger: 'manual' });
    expect(deleted).toEqual([]);

    const list = listBackups(db, STAFF);
    expect(list.items).toEqual([backup]);
    expect(list.running).toBeNull();
    expect(list.unavailable).toBeNull();
    expect(list.settings).toMatchObject({ dir, schedule: '0 3 * * *', keep: 7, maxAgeDays: 30, database: path.resolve(db.$client.name) });

    const [entry] = entries('backup.created');
    expect(entry).toMatchObject({ actorId: STAFF.userId, actorRole: 'staff', tenantId: null, targetType: 'backup', targetId: backup.file, targetName: backup.file, outcome: 'success' });
    expect(entry.details).toMatchObject({ trigger: 'manual', dir, sizeBytes: backup.sizeBytes, integrity: 'ok' });
  });

  it('staff acting for a tenant are still staff here; client roles are refused (403, audited, nothing written)', async () => {
    await expect(backUpNow(db, STAFF_FOR_ACME)).resolves.toBeTruthy();
    for (const actor of [ACME_ADMIN, ACME_USER]) {
      await expect(backUpNow(db, actor)).rejects.toThrow(ForbiddenError);
      expect(() => listBackups(db, actor)).toThrow(ForbiddenError);
    }
    expect(listBackups(db, STAFF).items).toHaveLength(1);
    expect(db.select().from(auditLog).where(and(eq(auditLog.action, 'denied:backups:manage'), eq(auditLog.actorId, ACME_ADMIN.userId))).all()).toHaveLength(1);
  });

  it('a second "back up now" while one runs gets 409 naming the running one; the first completes; then a new one may start', async () => {
    const first = backUpNow(db, STAFF);
    const second = backUpNow(db, STAFF);
    await expect(second).rejects.toThrow(BackupRunningError);
    const error = (await second.catch((e: unknown) => e)) as BackupRunningError;
    expect(error.status).toBe(409);
    expect(error.extra.running).toMatchObject({ trigger: 'manual', startedBy: STAFF.email });
    expect(listBackups(db, STAFF).running).toMatchObject({ trigger: 'manual' });
    await first;
    expect(listBackups(db, STAFF).running).toBeNull();
    await backUpNow(db, STAFF);
    expect(listBackups(db, STAFF).items).toHaveLength(2);
    expect(entries('backup.created')).toHaveLength(2);
  });

  it('a failed backup is audited backup.failed and tells staff (a provider-wide notification), and the running mark is cleared', async () => {
    // A file where the backups folder should be: the copy cannot be written.
    fs.writeFileSync(path.join(path.dirname(db.$client.name), 'backups'), 'in the way');
    const error = await backUpNow(db, STAFF).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).status).toBe(503);
    expect((error as BackupError).message).toMatch(/^The backup could not be written: /);

    const [entry] = entries('backup.failed');
    expect(entry).toMatchObject({ outcome: 'failed', tenantId: null, targetType: 'backup' });
    expect(entry.details).toMatchObject({ trigger: 'manual', reason: (error as Error).message });

    const [event] = db.select().from(outboxEvents).where(eq(outboxEvents.type, 'backup.failed')).all();
    expect(event).toMatchObject({ tenantId: null });
    expect(event.payload).toMatchObject({ subject: 'Backup of the portal database failed' });
    const to = db.select({ recipient: outboxDeliveries.recipient }).from(outboxDeliveries).where(eq(outboxDeliveries.eventId, event.id)).all().map((d) => d.recipient);
    // Staff only: the event has no tenant.
    expect(to.length).toBeGreaterThan(0);
    expect(to.every((r) => !r.endsWith('@acme.test') && !r.endsWith('@globex.test'))).toBe(true);
    expect(listBackups(db, STAFF).running).toBeNull();
  });
});

describe('startBackupScheduler', () => {
  it('is idempotent: a second start returns the running schedule; stop ends it and a new start begins again', () => {
    stop = startBackupScheduler({ db, schedule: '0 3 * * *' });
    expect(backupSchedulerRunning()).toBe(true);
    expect(startBackupScheduler({ db, schedule: '0 4 * * *' })).toBe(stop);
    expect(listBackups(db, STAFF).settings.nextRunAt).toMatch(/T03:00:00\.000Z$/);
    stop();
    expect(backupSchedulerRunning()).toBe(false);
    expect(listBackups(db, STAFF).settings.nextRunAt).toBeNull();
    stop(); // twice is harmless
    const again = startBackupScheduler({ db, schedule: '0 4 * * *' });
    expect(again).not.toBe(stop);
    stop = again;
    expect(listBackups(db, STAFF).settings.nextRunAt).toMatch(/T04:00:00\.000Z$/);
  });

  it('off: nothing runs', () => {
    const noop = startBackupScheduler({ db, schedule: 'off' });
    expect(backupSchedulerRunning()).toBe(false);
    noop();
  });

  it('runs on its schedule as the system (audited)', async () => {
    const outcomes: string[] = [];
    // Every second (croner's six-field form): the test waits for the first run.
    stop = startBackupScheduler({ db, schedule: '* * * * * *', onRun: (o) => outcomes.push(o) });
    const deadline = Date.now() + 5000;
    while (!outcomes.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    stop();
    stop = undefined;
    expect(outcomes[0]).toBe('created');
    const [entry] = entries('backup.created');
    expect(entry).toMatchObject({ actorId: 'system', actorRole: 'system' });
    expect(entry.details).toMatchObject({ trigger: 'schedule' });
    expect(listBackups(db, STAFF).items[0]).toMatchObject({ trigger: 'schedule', verified: true });
  });
});
