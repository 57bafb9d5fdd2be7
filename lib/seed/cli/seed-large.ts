/**
 * npm run db:seed:large [-- --force] [-- --scale N]: the large seed into DATABASE_URL (default
 * ./data/cloudshield-large.db, ./data/cloudshield-large-xN.db at --scale N > 1). Refuses a
 * database that already has data unless --force, which deletes the file first. --scale 10: 500
 * tenants, 50,000 VMs, 6,000 groups (the large tenant keeps 1,000 VMs). Serve it with
 * DATABASE_URL=… npm start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@/db/client';
import { databasePath } from '@/lib/config';
import { largeSeedScale, seedLarge } from '../large';

const scaleAt = process.argv.indexOf('--scale');
const scale = scaleAt >= 0 ? Number(process.argv[scaleAt + 1]) : 1;
const size = largeSeedScale(scale);
const file = databasePath(process.env.DATABASE_URL ?? `./data/cloudshield-large${scale > 1 ? `-x${scale}` : ''}.db`);
const force = process.argv.includes('--force');
if (fs.existsSync(file) && fs.statSync(file).size > 0) {
  if (!force) {
    console.error(`${file} already exists; pass --force to replace it (npm run db:seed:large -- --force).`);
    process.exit(1);
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}
fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
const started = performance.now();
const db = openDatabase(file);
const result = await seedLarge(db, { ...size, password: process.env.DEMO_PASSWORD ?? 'demo-password', log: (m) => console.log(`  ${m}`) });
db.$client.pragma('wal_checkpoint(TRUNCATE)');
db.$client.close();
const mib = fs.statSync(file).size / 1024 / 1024;
console.log(
  `Seeded ${result.tenants} tenants, ${result.vms} VMs, ${result.groups} groups into ${file} (${mib.toFixed(0)} MiB) in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
    `(configuration ${(result.configMs / 1000).toFixed(1)} s, 30 days of history ${(result.historyMs / 1000).toFixed(1)} s). Large tenant: ${result.largeTenantAdmin}.`,
);
