import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DB } from '@/db/client';
import { seedDemo } from '@/lib/seed/demo';

/**
 * A fresh temp folder for one test's files, under the run's folder that vitest's global setup
 * removes at the end (vitest.global-setup.ts); outside vitest, under the system's temp folder.
 */
export function testTempDir(): string {
  const root = process.env.CLOUDSHIELD_TEST_TMP ?? os.tmpdir();
  return fs.mkdtempSync(path.join(root, root === os.tmpdir() ? 'cloudshield-test-' : 'db-'));
}

/** A fresh, migrated database on its own temp file. */
export function testDb(): DB {
  return openDatabase(path.join(testTempDir(), 'test.db'));
}

/** A fresh database holding the demo seed (password `demo-password`). */
export async function seededTestDb(now = new Date()): Promise<DB> {
  const db = testDb();
  await seedDemo(db, { password: 'demo-password', now });
  return db;
}
