import { getDb } from '@/db';
import { stopSimulator } from '@/lib/sim/runtime';

/**
 * A stopped server (deploy, Ctrl-C) persists the simulator's last second and folds the WAL into
 * the database, so the next start neither loses state nor replays a large WAL. Node.js only.
 */
export function persistOnExit(): void {
  process.once('exit', () => {
    try {
      stopSimulator();
      getDb().$client.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      console.error('[cloudshield] shutdown: could not persist the simulator', error);
    }
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
}
