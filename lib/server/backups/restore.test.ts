/**
 * Restore (`npm run db:restore`): a backup taken while a test failover is half-way through is
 * restored into a fresh database file, the operations driver picks the operation up and finishes
 * it, and nothing is lost. And the refusals: a running portal, a backup that does not verify.
 */
import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '@/db/client';
import { auditLog, operationSteps } from '@/db/schema';
import { getOperation, startTestFailover, stopTest } from '@/lib/domain/operations/operations';
import { advanceOpenOperations, startOperationsDriver } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { holdPortalLock, lockFileOf, releasePortalLock } from '@/lib/server/portal-lock';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { ACME_ADMIN } from '@/lib/testing/actors';
import { seededTestDb, testTempDir } from '@/lib/testing/db';
import { writeBackup } from './files';
import { restoreBackup, RestoreRefusedError } from './restore';

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web';
let stopDriver: (() => void) | undefined;

afterEach(() => {
  stopDriver?.();
  stopDriver = undefined;
  setSimulatorForTests(undefined);
});

const rows = (db: DB) => ({
  audit: db.select({ id: auditLog.id, action: auditLog.action }).from(auditLog).orderBy(auditLog.id).all(),
  steps: (opId: string) => db.select({ id: operationSteps.id, name: operationSteps.name, status: operationSteps.status }).from(operationSteps).where(eq(operationSteps.operationId, opId)).all(),
});

/** A seeded database file and a backup of it, in `backups/` beside it. */
async function smallBackup() {
  const source = await seededTestDb(new Date(NOW));
  const { file } = await writeBackup(source.$client, path.join(path.dirname(source.$client.name), 'backups'), { now: new Date(NOW) });
  return { source, backupFile: path.join(path.dirname(source.$client.name), 'backups', file) };
}

describe('restoreBackup', () => {
  it('restores a backup taken mid-operation into a fresh database; the driver resumes and finishes it, nothing lost', async () => {
    // A test failover, half-way: boot group 1 running.
    const db = await seededTestDb(new Date(NOW));
    writeJournal(db, WEB, NOW);
    const sim = new FakeSimulator(NOW);
    setSimulatorForTests(sim);
    const op = await startTestFailover(db, ACME_ADMIN, WEB, {});
    advanceOpenOperations(db, NOW + 50_000, sim);
    expect((await getOperation(db, ACME_ADMIN, op.id)).status).toBe('running');
    const before = { audit: rows(db).audit, steps: rows(db).steps(op.id) };
    expect(before.steps.some((s) => s.status === 'running')).toBe(true);
    expect(before.audit.some((a) => a.action.startsWith('operation.'))).toBe(true);

    // The online backup, while the portal has the database open.
    const backupDir = path.join(testTempDir(), 'backups');
    const { file } = await writeBackup(db.$client, backupDir, { now: new Date(NOW + 50_000) });
    // The original site is lost with its database.
    db.$client.close();

    // A new machine: an empty data folder, the backup restored into it.
    const target = path.join(testTempDir(), 'data', 'cloudshield.db');
    const result = restoreBackup({ backupFile: path.join(backupDir, file), databaseFile: target });
    expect(result).toMatchObject({ database: target, keptAside: [], staleLock: null, verification: { ok: true, integrity: 'ok' } });

    const restored = openDatabase(target);
    // Everything acknowledged before the backup is there.
    expect(rows(restored).audit).toEqual(before.audit);
    expect(rows(restored).steps(op.id)).toEqual(before.steps);

    // The new process starts 10 simulated minutes later: the driver picks the operation up.
    const sim2 = new FakeSimulator(NOW + 10 * 60_000);
    setSimulatorForTests(sim2);
    stopDriver = await startOperationsDriver({ db: restored, sim: sim2 });
    expect((await getOperation(restored, ACME_ADMIN, op.id)).status).toBe('testing');
    await stopTest(restored, ACME_ADMIN, op.id, { result: 'passed' });
    sim2.advance(600);
    const done = await getOperation(restored, ACME_ADMIN, op.id);
    expect(done.status).toBe('completed');
    expect(done.steps.every((s) => s.status === 'completed' || s.status === 'skipped')).toBe(true);
    // The steps finished before the backup are the same rows, finished at the same moments.
    expect(rows(restored).steps(op.id).slice(0, before.steps.length).map((s) => s.id)).toEqual(before.steps.map((s) => s.id));
    // The old trail is intact and continues.
    const after = rows(restored).audit;
    expect(after.slice(0, before.audit.length)).toEqual(before.audit);
    expect(after.length).toBeGreaterThan(before.audit.length);
    restored.$client.close();
  });

  it('keeps the replaced database (and its -wal/-shm) aside, renamed, and says so', async () => {
    const { source, backupFile } = await smallBackup();
    source.$client.close();
    const target = path.join(testTempDir(), 'cloudshield.db');
    const old = openDatabase(target);
    old.$client.exec("CREATE TABLE marker (x); INSERT INTO marker VALUES ('old')");
    // Left open, as a crashed server would: its -wal and -shm are on disk.
    const result = restoreBackup({ backupFile, databaseFile: target, now: new Date('2030-05-02T08:00:00Z') });
    const aside = `${target}.replaced-20300502T080000Z`;
    expect(result.keptAside).toContain(aside);
    expect(result.keptAside.every((f) => fs.existsSync(f))).toBe(true);
    old.$client.close();
    const restored = openDatabase(target);
    expect(restored.$client.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'marker'").pluck().get()).toBe(0);
    restored.$client.close();
    expect(fs.existsSync(`${target}.restoring`)).toBe(false);
  });

  it('refuses while the portal holds the database, changing nothing', async () => {
    const { source, backupFile } = await smallBackup();
    const target = source.$client.name;
    holdPortalLock(target);
    try {
      expect(() => restoreBackup({ backupFile, databaseFile: target })).toThrow(RestoreRefusedError);
      expect(() => restoreBackup({ backupFile, databaseFile: target })).toThrow(new RegExp(`The portal is running on this database \\(process ${process.pid} on `));
      expect(fs.readdirSync(path.dirname(target)).some((f) => f.includes('.replaced-') || f.endsWith('.restoring'))).toBe(false);
    } finally {
      releasePortalLock(target);
    }
    expect(fs.existsSync(lockFileOf(target))).toBe(false);
  });

  it('goes ahead past a lock left by a portal that is gone, and reports it', async () => {
    const { source, backupFile } = await smallBackup();
    source.$client.close();
    const target = path.join(testTempDir(), 'cloudshield.db');
    // A pid no process has (beyond the kernel's pid_max).
    fs.writeFileSync(lockFileOf(target), JSON.stringify({ pid: 2 ** 30, host: os.hostname(), startedAt: '2030-05-01T00:00:00Z', database: target }));
    const result = restoreBackup({ backupFile, databaseFile: target });
    expect(result.staleLock).toMatch(/process 1073741824, started 2030-05-01T00:00:00Z, no longer running/);
    expect(fs.existsSync(target)).toBe(true);
  });

  it('refuses a backup that does not verify (corrupt, or not a database), changing nothing', async () => {
    const { source, backupFile } = await smallBackup();
    source.$client.close();
    const bytes = fs.readFileSync(backupFile);
    for (let i = 4096; i < bytes.length; i += 5) bytes[i] ^= 0x5a;
    fs.writeFileSync(backupFile, bytes);
    const target = path.join(testTempDir(), 'cloudshield.db');
    openDatabase(target).$client.close();
    const before = fs.readFileSync(target);
    expect(() => restoreBackup({ backupFile, databaseFile: target })).toThrow(/^The backup did not verify, nothing was changed: /);
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(target)).sort()).toEqual(['cloudshield.db']);
    expect(() => restoreBackup({ backupFile: path.join(path.dirname(target), 'nope.db'), databaseFile: target })).toThrow(/^No backup file at /);
  });
});
