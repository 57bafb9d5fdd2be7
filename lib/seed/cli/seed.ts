/**
 * npm run db:seed: the first start of DATABASE_URL without serving it. The npm script sets
 * DEMO=1 (the demo); run with DEMO unset (`npx tsx lib/seed/cli/seed.ts`) it creates what a
 * production first start does: the sites and one staff account with a one-time password.
 */
import { openDatabase } from '@/db/client';
import { databasePath } from '@/lib/config';
import { seedFirstStart } from '../first-start';

const file = databasePath(process.env.DATABASE_URL ?? './data/cloudshield.db');
const db = openDatabase(file);
const result = await seedFirstStart(db, {
  demo: process.env.DEMO === '1',
  demoPassword: process.env.DEMO_PASSWORD ?? 'demo-password',
  adminEmail: process.env.ADMIN_EMAIL ?? 'admin@localhost',
  databaseFile: file,
});
if (result.seeded === 'demo') console.log(`Seeded the demo data into ${file}`);
else if (result.seeded === null) console.log(`${file} already holds users; nothing seeded`);
db.$client.close();
