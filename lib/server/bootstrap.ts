import { getDb } from '@/db';
import { seedFirstStart, type FirstStartResult } from '@/lib/seed/first-start';
import { databasePath, serverConfig } from '@/lib/config';

/**
 * First thing the server does: open (and so migrate) the database and, when it has no user,
 * give it its first start: the demo with DEMO=1 (`npm run demo`, the e2e tests, the bench),
 * otherwise the sites and one staff account with a one-time password (lib/seed/first-start.ts).
 * Idempotent: a database with any user is only migrated.
 */
export async function bootstrapDatabase(): Promise<FirstStartResult> {
  const config = serverConfig();
  const result = await seedFirstStart(getDb(), {
    demo: config.DEMO === '1',
    demoPassword: config.DEMO_PASSWORD,
    adminEmail: config.ADMIN_EMAIL,
    databaseFile: databasePath(config.DATABASE_URL),
  });
  if (result.seeded === 'demo') console.log(`[cloudshield] empty database, DEMO=1: seeded the demo (${config.DATABASE_URL})`);
  return result;
}
