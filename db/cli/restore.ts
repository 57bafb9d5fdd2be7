/**
 * `npm run db:restore -- <backup file>`: restores a backup of the portal's database (BACKUP_DIR)
 * into DATABASE_URL while the portal is stopped. See lib/domain/backups/restore.ts.
 */
import { restoreBackup, RestoreRefusedError } from '@/lib/server/backups/restore';

const file = process.argv.slice(2).find((a) => a !== '--');
if (!file) {
  console.error('Usage: npm run db:restore -- <backup file>   (DATABASE_URL names the database to replace; default ./data/cloudshield.db)');
  process.exit(2);
}
const databaseFile = (process.env.DATABASE_URL ?? './data/cloudshield.db').replace(/^file:/, '');
if (/^postgres(ql)?:\/\//.test(databaseFile)) {
  console.error('db:restore restores SQLite backups; DATABASE_URL names a PostgreSQL server.');
  process.exit(2);
}

try {
  const result = restoreBackup({ backupFile: file, databaseFile });
  console.log(`Verified ${result.backup}: integrity ok, ${result.verification.migrations} migration(s) recorded.`);
  if (result.staleLock) console.log(`A portal that is no longer running left ${result.staleLock}; ignored.`);
  if (result.keptAside.length) console.log(`Kept the replaced database aside (not deleted):\n  ${result.keptAside.join('\n  ')}`);
  else console.log('There was no database to replace.');
  console.log(`Restored ${result.backup}\n      to ${result.database}.\nStart the portal: it applies any newer migrations, and open operations resume from where the backup left them.`);
} catch (error) {
  if (error instanceof RestoreRefusedError) {
    console.error(`Not restored: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
