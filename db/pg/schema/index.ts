// The PostgreSQL schema: the same tables, columns, keys and indexes as db/schema (the SQLite
// schema), checked by db/pg/schema-parity.test.ts. Change both together.
// The value lists of enum columns (statuses, kinds, roles...) live in lib/schemas beside the
// validation that uses them, and are imported from there, never through this module. Schema
// files import them by relative path, which drizzle-kit resolves without the tsconfig alias.
export * from './sites';
export * from './tenants';
export * from './vms';
export * from './groups';
export * from './journal';
export * from './operations';
export * from './alerts';
export * from './service-requests';
export * from './users';
export * from './audit';
export * from './sim-state';
export * from './recovery-runs';
export * from './webhooks';
export * from './notifications';
export * from './notification-marks';
export * from './notification-preferences';
export * from './test-drills';
export * from './approvals';
export * from './recovery-codes';
export * from './identity-providers';
export * from './sessions';
export * from './config-version';
