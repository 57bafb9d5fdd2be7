import { openDatabase } from '../client';

const file = (process.env.DATABASE_URL ?? './data/cloudshield.db').replace(/^file:/, '');
openDatabase(file).$client.close();
console.log(`Migrated ${file}`);
