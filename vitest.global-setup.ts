import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One temp folder for the whole run, removed at its end: every test database lives under it
 * (lib/testing/db.ts), so a run leaves nothing behind in /tmp. Workers are forked after this
 * runs and inherit the variable.
 */
export default function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudshield-test-'));
  process.env.CLOUDSHIELD_TEST_TMP = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
