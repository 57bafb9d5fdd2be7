import 'server-only';
import type { DB, Executor } from '@/db';

/**
 * Memoises a read until the database changes, so a burst of requests (a dashboard's widgets, a
 * polling client, a script) between two simulator ticks computes a list once. The version is
 * SQLite's own bookkeeping: total_changes() counts every row this connection wrote (the server
 * does all its writes through its one connection) and PRAGMA data_version moves when another
 * connection commits. Any write therefore makes the next read recompute: never stale.
 * Results (or the promise of one) are shared between callers and must be treated as read-only.
 */
type Entry = { version: string; value: unknown };
const MAX_KEYS = 1000;
const caches = new WeakMap<DB['$client'], { entries: Map<string, Entry>; version: () => string }>();

function cacheOf(db: DB) {
  let cache = caches.get(db.$client);
  if (!cache) {
    const changes = db.$client.prepare('SELECT total_changes()').pluck();
    const dataVersion = db.$client.prepare('PRAGMA data_version').pluck();
    cache = { entries: new Map(), version: () => `${changes.get()}:${dataVersion.get()}` };
    caches.set(db.$client, cache);
  }
  return cache;
}

export function cachedRead<T>(db: Executor, key: string, compute: () => T): T {
  // Inside a transaction (no $client): always read afresh.
  if (!('$client' in db)) return compute();
  const cache = cacheOf(db as DB);
  const version = cache.version();
  const hit = cache.entries.get(key);
  if (hit && hit.version === version) return hit.value as T;
  const value = compute();
  if (cache.entries.size >= MAX_KEYS) cache.entries.clear();
  const entry = { version, value };
  cache.entries.set(key, entry);
  // An async read that fails is not remembered: the next caller tries again.
  if (value instanceof Promise) value.catch(() => cache.entries.get(key) === entry && cache.entries.delete(key));
  return value;
}
