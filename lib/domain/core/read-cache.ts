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

/** The one read-through both caches share: a hit at the current version, else compute and keep. */
function readThrough<T>(entries: Map<string, Entry>, version: string, key: string, compute: () => T): T {
  const hit = entries.get(key);
  if (hit && hit.version === version) return hit.value as T;
  const value = compute();
  if (entries.size >= MAX_KEYS) entries.clear();
  const entry = { version, value };
  entries.set(key, entry);
  // An async read that fails is not remembered: the next caller tries again.
  if (value instanceof Promise) value.catch(() => entries.get(key) === entry && entries.delete(key));
  return value;
}

export function cachedRead<T>(db: Executor, key: string, compute: () => T): T {
  // Inside a transaction (no $client): always read afresh.
  if (!('$client' in db)) return compute();
  const cache = cacheOf(db as DB);
  return readThrough(cache.entries, cache.version(), key, compute);
}

/**
 * Memoises a read that depends on configuration only (groups' settings, sites and members, VMs
 * with their disks and NICs, recovery vDCs and volumes: see db/schema/config-version.ts), not on
 * replication state, until that configuration changes. The version is the `config_version`
 * counter that the database's own triggers move with every such write, whichever code or
 * connection makes it, so the simulator's writes every tick do not throw these away (cachedRead
 * would) and a change of configuration is seen by the very next read. Without the counter (a
 * database not migrated yet) it reads afresh. Same sharing rules as cachedRead.
 */
type ConfigCache = { entries: Map<string, Entry>; version: () => string | null };
const configCaches = new WeakMap<DB['$client'], ConfigCache>();

function configCacheOf(db: DB): ConfigCache {
  let cache = configCaches.get(db.$client);
  if (!cache) {
    let counter: { get(): unknown } | null | undefined;
    cache = {
      entries: new Map(),
      version: () => {
        // Prepared on first use: a database still being migrated has no table yet.
        if (counter === undefined) {
          try {
            counter = db.$client.prepare('SELECT n FROM config_version WHERE id = 1').pluck();
          } catch {
            return null;
          }
        }
        const n = counter?.get();
        return n === undefined || n === null ? null : String(n);
      },
    };
    configCaches.set(db.$client, cache);
  }
  return cache;
}

export function cachedConfigRead<T>(db: Executor, key: string, compute: () => T): T {
  if (!('$client' in db)) return compute();
  const cache = configCacheOf(db as DB);
  const version = cache.version();
  if (version === null) return compute();
  return readThrough(cache.entries, version, key, compute);
}
