import { openDatabase } from '../client';
import { databasePath } from '../../lib/config';

const file = databasePath(process.env.DATABASE_URL ?? './data/cloudshield.db');
openDatabase(file).$client.close();
console.log(`Migrated ${file}`);
