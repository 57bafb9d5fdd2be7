/**
 * Bounds of operation inputs that the portal's forms show as well as the API checks. Their own
 * module so a client component reads the same numbers without the operations schemas.
 */

/** A break-glass reason: enough to say why, short enough for an audit entry. */
export const BREAK_GLASS_REASON = { min: 10, max: 500 } as const;

/**
 * Seconds the source VMs get to shut down gracefully (guest OS shutdown) before those still
 * running are powered off. Five minutes is what a database needs to flush; a minimum of 30 s
 * because less is a forced power-off in all but name.
 */
export const SHUTDOWN_GRACE_SECONDS = { min: 30, max: 1800, default: 300 } as const;

/** Who decides how a test or live failover ends: a person, or a timer that commits or rolls back. */
export const COMMIT_POLICIES = ['manual', 'auto-commit', 'auto-rollback'] as const;
export type CommitPolicy = (typeof COMMIT_POLICIES)[number];
