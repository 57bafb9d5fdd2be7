import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One temp folder for the whole run, removed at its end: every test database lives under it
 * (lib/testing/db.ts), so a run leaves nothing behind in /tmp. Workers are forked after this
 * runs and inherit the variable.
 *
 * PostgreSQL (db/pg/testing.ts): the first test file that needs a server starts one with
 * scripts/ensure-postgres.sh unless PG_TEST_URL names one, and leaves a marker here; the server
 * this run started is stopped at its end.
 */
export default function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudshield-test-'));
  process.env.CLOUDSHIELD_TEST_TMP = dir;
  return () => {
    const marker = path.join(dir, 'postgres-started');
    if (fs.existsSync(marker)) {
      const port = fs.readFileSync(marker, 'utf8').trim();
      try {
        execFileSync('bash', [path.join(process.cwd(), 'scripts', 'ensure-postgres.sh'), 'stop'], { env: { ...process.env, PG_PORT: port }, stdio: 'inherit' });
      } catch (error) {
        console.error(`could not stop the test PostgreSQL on port ${port}:`, error);
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
