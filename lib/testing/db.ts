import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DB } from '@/db/client';
import { seedDemo } from '@/db/seed/demo';

/** A fresh, migrated database on its own temp file. */
export function testDb(): DB {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudshield-test-'));
  return openDatabase(path.join(dir, 'test.db'));
}

/** A fresh database holding the demo seed (password `demo-password`). */
export async function seededTestDb(now = new Date()): Promise<DB> {
  const db = testDb();
  await seedDemo(db, { password: 'demo-password', now });
  return db;
}
