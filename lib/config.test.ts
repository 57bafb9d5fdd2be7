import { afterEach, describe, expect, it, vi } from 'vitest';
import { databasePath, isPostgresUrl } from './config';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** serverConfig() as a fresh start reads it (the module caches the parsed environment). */
async function freshServerConfig() {
  vi.resetModules();
  return (await import('./config')).serverConfig();
}

describe('DATABASE_URL', () => {
  it('is a SQLite file path, with or without file:', async () => {
    vi.stubEnv('DATABASE_URL', 'file:./data/x.db');
    expect(databasePath((await freshServerConfig()).DATABASE_URL)).toBe('./data/x.db');
    expect(databasePath('/var/lib/cloudshield/portal.db')).toBe('/var/lib/cloudshield/portal.db');
  });

  it('refuses a PostgreSQL URL at start, saying PostgreSQL support is in progress (issue 21)', async () => {
    for (const url of ['postgres://cs@db.example/cloudshield', 'postgresql://cs:pw@10.0.0.5:5432/cs', ' POSTGRES://x/y']) {
      vi.stubEnv('DATABASE_URL', url);
      await expect(freshServerConfig()).rejects.toThrow(/DATABASE_URL: DATABASE_URL names a PostgreSQL server: PostgreSQL support is in progress .*docs\/postgresql\.md/);
      expect(isPostgresUrl(url)).toBe(true);
      // The CLIs (db:migrate, db:seed) read it through databasePath: no file named "postgres:" is made.
      expect(() => databasePath(url)).toThrow(/PostgreSQL support is in progress/);
    }
  });

  it('takes a file whose name merely mentions postgres for a file', () => {
    expect(isPostgresUrl('./postgres.db')).toBe(false);
    expect(databasePath('file:postgres-copy.db')).toBe('postgres-copy.db');
  });
});
