import { openDatabase } from '@/db/client';
import { seedDemo } from '../demo';

const file = (process.env.DATABASE_URL ?? './data/cloudshield.db').replace(/^file:/, '');
const db = openDatabase(file);
const seeded = await seedDemo(db, { password: process.env.DEMO_PASSWORD ?? 'demo-password' });
console.log(seeded ? `Seeded the demo data into ${file}` : `${file} already holds data; nothing seeded`);
db.$client.close();
