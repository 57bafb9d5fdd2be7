/**
 * Runs once when the server starts: migrate (and on an empty database seed the demo), then start
 * the background services. Node.js runtime only — the edge runtime has no SQLite.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { bootstrapDatabase } = await import('@/lib/server/bootstrap');
  await bootstrapDatabase();
  const { startSimulator } = await import('@/lib/sim/runtime');
  await startSimulator();
  // Open operations resume from the database on the first tick (or fail with a reason).
  const { startOperationsDriver } = await import('@/lib/operations/driver');
  await startOperationsDriver();

  // A stopped server (deploy, Ctrl-C) persists the simulator's last second and folds the WAL
  // into the database, so the next start neither loses state nor replays a large WAL.
  const { getDb } = await import('@/db');
  const { stopSimulator } = await import('@/lib/sim/runtime');
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
