import 'server-only';
import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { ValidationError } from '@/lib/core/errors';

/**
 * Opaque paging cursors: base64url JSON, so clients cannot rely on their shape and we can change
 * it. A cursor that does not decode is a 400 on the `cursor` field.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, isValid: (v: unknown) => v is T): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isValid(value)) return value;
  } catch {
    // fall through to the field error
  }
  throw new ValidationError([{ field: 'cursor', message: 'cursor must be the nextCursor of a previous page.' }]);
}

/** The cursor of lists ordered newest first on (startedAt, id): operations, recovery runs. */
type StartedCursor = { t: number; id: string };
const isStartedCursor = (v: unknown): v is StartedCursor =>
  !!v && typeof v === 'object' && typeof (v as StartedCursor).t === 'number' && typeof (v as StartedCursor).id === 'string';

/** The rows after `cursor` in (startedAt desc, id desc) order; undefined on the first page. */
export function startedAfter(cursor: string | undefined, startedAt: SQLiteColumn, id: SQLiteColumn): SQL | undefined {
  const after = decodeCursor(cursor, isStartedCursor);
  if (!after) return undefined;
  return or(lt(startedAt, new Date(after.t)), and(eq(startedAt, new Date(after.t)), lt(id, after.id)));
}

/** A page of `limit` from rows read with one extra (which says whether there is a next page). */
export function startedPage<T extends { id: string; startedAt: string }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit ? encodeCursor({ t: Date.parse(last.startedAt), id: last.id } satisfies StartedCursor) : null };
}
