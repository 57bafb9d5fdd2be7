import { getDb } from '@/db';
import { seedDemo } from '@/lib/seed/demo';
import { serverConfig } from '@/lib/config';

/**
 * First thing the server does: open (and so migrate) the database and, when it is empty, seed
 * the demo so a newcomer lands on a lived-in portal. Idempotent: an existing database is only
 * migrated.
 */
export async function bootstrapDatabase(): Promise<{ seeded: boolean }> {
  const config = serverConfig();
  const db = getDb();
  const seeded = await seedDemo(db, { password: config.DEMO_PASSWORD });
  if (seeded) console.log(`[cloudshield] empty database: seeded the demo (${config.DATABASE_URL})`);
  return { seeded };
}
