import 'server-only';
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
