/**
 * The runtime's own rows in `sim_state`: the engine snapshot (without checkpoints, which live in
 * their table), the clock (simulated and wall time of that snapshot) and which alert row stands
 * for which engine alert key.
 */
import type { DB } from '@/db';
import type { EngineSnapshot } from '@/lib/engine';

export const STATE_KEYS = { engine: 'engine', clock: 'clock', alertIds: 'alert-ids' } as const;

export type ClockState = { simMs: number; wallMs: number; speed: number; seed: number };

export function readState<T>(db: DB, key: string): T | undefined {
  const row = db.$client.prepare('SELECT value FROM sim_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export function writeStateStatement(db: DB) {
  const stmt = db.$client.prepare(
    'INSERT INTO sim_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  return (key: string, value: unknown, atMs: number) => stmt.run(key, JSON.stringify(value), atMs);
}

export type StoredState = { engine?: EngineSnapshot; clock?: ClockState; alertIds?: Record<string, string> };

export function readAllState(db: DB): StoredState {
  return {
    engine: readState<EngineSnapshot>(db, STATE_KEYS.engine),
    clock: readState<ClockState>(db, STATE_KEYS.clock),
    alertIds: readState<Record<string, string>>(db, STATE_KEYS.alertIds),
  };
}
