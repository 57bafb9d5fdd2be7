import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileAsync = promisify(execFile);

/**
 * The PostgreSQL server of a test run: PG_TEST_URL when given (an existing server; its user must
 * be allowed to create databases), otherwise one that scripts/ensure-postgres.sh provides on
 * 127.0.0.1:PG_PORT (55432) — installing Debian's package first when it is missing. The first
 * test file that needs it starts it; the run's global teardown (vitest.global-setup.ts) stops it
 * again when this run started it. Runs without PostgreSQL tests start nothing.
 *
 * Never skipped: when no server can be had, the test fails with the script's reason.
 */
export async function testPostgresServer(): Promise<string> {
  if (process.env.PG_TEST_URL) return process.env.PG_TEST_URL;
  const marker = process.env.CLOUDSHIELD_TEST_TMP ? path.join(process.env.CLOUDSHIELD_TEST_TMP, 'postgres-started') : undefined;
  try {
    const { stdout } = await execFileAsync('bash', [path.join(process.cwd(), 'scripts', 'ensure-postgres.sh'), 'start'], {
      env: { ...process.env, ...(marker ? { PG_STARTED_MARKER: marker } : {}) },
      timeout: 10 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const url = stdout.trim().split('\n').at(-1) ?? '';
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`scripts/ensure-postgres.sh printed no URL: ${JSON.stringify(stdout)}`);
    return url;
  } catch (error) {
    const e = error as Error & { stderr?: string };
    const why = (e.stderr ?? '').trim().split('\n').slice(-15).join('\n') || e.message;
    throw new Error(`PostgreSQL tests need a server: PG_TEST_URL is not set and scripts/ensure-postgres.sh could not start one:\n${why}`);
  }
}

export type TestPostgresDatabase = {
  /** URL of a new, empty database of its own. */
  url: string;
  /** Drops it (connections still open are ended). */
  drop: () => Promise<void>;
};

/** A new, empty database on the run's server, for one test file (drop it in afterAll). */
export async function testPostgresDatabase(): Promise<TestPostgresDatabase> {
  const serverUrl = await testPostgresServer();
  const name = `cs_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
