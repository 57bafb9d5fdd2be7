import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { MIGRATIONS_DIR } from '@/db/client';
import * as schema from '@/db/schema';
import { RPO_TIERS } from '@/db/schema';
import { testTempDir } from '@/lib/testing/db';

/** A database migrated up to (and including) migration `last`. */
function databaseAt(last: number) {
  const dir = testTempDir();
  const folder = path.join(dir, 'migrations');
  fs.cpSync(MIGRATIONS_DIR, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= last);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  const sqlite = new Database(path.join(dir, 'old.db'));
  const db = drizzle(sqlite, { schema }) as unknown as DB;
  migrate(db, { migrationsFolder: folder });
  return { sqlite, db };
}

describe('migration 0022: RPO tier 1 from 1 min to 2.5 min', () => {
  it('rolls the minute rows up into 2.5-minute rows (worst RPO, mean rates) and leaves the other tiers alone', () => {
    expect(RPO_TIERS[1].stepMs).toBe(150_000);
    const { sqlite, db } = databaseAt(21);
    sqlite.pragma('foreign_keys = OFF'); // samples of groups this test does not create
    const insert = sqlite.prepare('INSERT INTO rpo_samples (group_id, tier, time_ms, rpo_seconds, throughput_mbps, wan_mbps, write_iops, applied_iops) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const T = 1_000 * 150_000; // on the new grid
    // Five minutes of minute rows: minutes 0–2 start in the first 2.5-minute interval, 3–4 in the second.
    for (let m = 0; m < 5; m++) insert.run('grp_a', 1, T + m * 60_000, m === 1 ? 40 : 5, m + 1, 1, 10 * (m + 1), 8);
    insert.run('grp_b', 1, T, 7, 2, 2, 0, 0);
    insert.run('grp_a', 0, T + 5_000, 3, 1, 1, 1, 1);
    insert.run('grp_a', 2, T, 40, 3, 1, 30, 24);
    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    const rows = sqlite.prepare('SELECT group_id g, tier, time_ms t, rpo_seconds rpo, throughput_mbps mb, write_iops w FROM rpo_samples ORDER BY group_id, tier, time_ms').all();
    expect(rows).toEqual([
      { g: 'grp_a', tier: 0, t: T + 5_000, rpo: 3, mb: 1, w: 1 },
      { g: 'grp_a', tier: 1, t: T, rpo: 40, mb: 2, w: 20 },
      { g: 'grp_a', tier: 1, t: T + 150_000, rpo: 5, mb: 4.5, w: 45 },
      { g: 'grp_a', tier: 2, t: T, rpo: 40, mb: 3, w: 30 },
      { g: 'grp_b', tier: 1, t: T, rpo: 7, mb: 2, w: 0 },
    ]);
    sqlite.close();
  });
});
