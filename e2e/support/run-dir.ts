import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where an e2e run keeps its database: a fresh folder under .e2e/ per run, so tests never see
 * data left by an earlier run and can never touch ./data (the demo's database).
 */
export const E2E_ROOT = fileURLToPath(new URL('../../.e2e', import.meta.url));

const STALE_MS = 60 * 60 * 1000;

/**
 * The run's database file. The runner process creates it once and records it in the
 * environment; Playwright's worker processes inherit that and reuse the same file.
 * E2E_DATABASE_URL picks a file explicitly (still only under .e2e/).
 */
export function e2eDatabaseFile(): string {
  const existing = process.env.E2E_DATABASE_URL;
  if (existing) return assertLocalTestDatabase(existing);

  removeStaleRuns();
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const dir = path.join(E2E_ROOT, `run-${stamp}-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'cloudshield.db');
  process.env.E2E_DATABASE_URL = file;
  return file;
}

/** Refuses any database outside .e2e/: a misconfigured run must not seed or wipe real data. */
export function assertLocalTestDatabase(url: string): string {
  const file = path.resolve(url.replace(/^file:/, ''));
  const relative = path.relative(E2E_ROOT, file);
  if (relative.startsWith('..') || path.isAbsolute(relative) || relative === '') {
    throw new Error(`Refusing to run e2e tests against ${file}: the test database must live under ${E2E_ROOT}`);
  }
  return file;
}

// Old runs are kept for an hour (to inspect a failure), then cleared. Recent ones may belong to
// a run still going in another terminal.
function removeStaleRuns() {
  if (!fs.existsSync(E2E_ROOT)) return;
  for (const name of fs.readdirSync(E2E_ROOT)) {
    if (!name.startsWith('run-')) continue;
    const dir = path.join(E2E_ROOT, name);
    if (Date.now() - fs.statSync(dir).mtimeMs > STALE_MS) fs.rmSync(dir, { recursive: true, force: true });
  }
}
