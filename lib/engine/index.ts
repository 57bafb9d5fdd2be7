/** The replication simulator: pure TypeScript, no Next.js or database. */
export { Engine, ENGINE_SNAPSHOT_VERSION, type EngineSnapshot } from './engine';
export { checkpointId, DAY_MS, HOUR_MS } from './checkpoints';
export { SAMPLE_TIERS } from './samples';
export { formatDuration, formatGb } from './format';
export * from './types';
