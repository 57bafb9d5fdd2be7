/** The replication simulator: pure TypeScript, no Next.js or database. */
export { Engine, ENGINE_SNAPSHOT_VERSION, type EngineSnapshot } from './engine';
export { CHECKPOINT_KIND_CODES, checkpointId, DAY_MS, HOUR_MS, type StoredJournal } from './checkpoints';
export { SAMPLE_TIERS } from './samples';
export { formatDuration, formatGb } from './format';
export * from './types';
