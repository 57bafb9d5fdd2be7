/**
 * Runs once when the server starts: migrate (and give an empty database its first start: the demo
 * with DEMO=1, else one staff account with a one-time password), then start the background
 * services. Node.js runtime only — the edge runtime has no SQLite.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { bootstrapDatabase } = await import('@/lib/server/bootstrap');
  await bootstrapDatabase();
  // TOTP secrets stored in clear (or under AUTH_SECRET_PREVIOUS) are sealed under the current key, once.
  const { sealTotpSecretsOnStart } = await import('@/lib/auth/second-factor');
  sealTotpSecretsOnStart();
  const { startSimulator } = await import('@/lib/sim/runtime');
  await startSimulator();
  // Open operations resume from the database on the first tick (or fail with a reason).
  const { startOperationsDriver } = await import('@/lib/operations/driver');
  await startOperationsDriver();
  // Recovery runs start their later tiers once the tick's operations have advanced.
  const { startRecoveryRunsDriver } = await import('@/lib/domain/recovery/run-driver');
  await startRecoveryRunsDriver();
  // Scheduled test failovers (drills): fire, stop and settle on the same tick, after the runs.
  const { startDrillScheduler } = await import('@/lib/domain/drills/scheduler');
  await startDrillScheduler();
  // E-mail notifications: a real-time loop off the request path and the simulator's tick.
  const { startNotificationSender } = await import('@/lib/domain/notifications/sender');
  startNotificationSender();

  // Signed webhooks: sends the attempts that are due (first ones and retries), off the request path.
  const { startWebhookDelivery } = await import('@/lib/domain/notifications/webhook-delivery');
  startWebhookDelivery();

  // Scheduled notifications (test due soon / overdue, maintenance tomorrow) on the simulated clock.
  const { startScheduledChecks } = await import('@/lib/domain/notifications/scheduled-checks');
  startScheduledChecks();

  const { persistOnExit } = await import('@/lib/server/shutdown');
  persistOnExit();

  // Backups of the SQLite database (BACKUP_SCHEDULE); `<database>.pid` tells `npm run db:restore` the portal is running.
  const { holdPortalLock } = await import('@/lib/server/portal-lock');
  const { databasePath } = await import('@/lib/config');
  holdPortalLock(databasePath());
  const { startBackupScheduler } = await import('@/lib/domain/backups/scheduler');
  startBackupScheduler();
}
