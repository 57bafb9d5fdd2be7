import 'server-only';
import type { z } from 'zod';
import { DomainError } from '@/lib/core/errors';
import { parseInput } from './validate';

/**
 * A request body that could not be read (malformed JSON, too large). Route handlers pass it on
 * instead of throwing, so the domain can answer 401/403/404 first: authorisation comes before
 * validation whatever the body holds.
 */
export class RejectedBody {
  constructor(readonly error: DomainError) {}
}

/** parseInput for bodies that may have been rejected by the transport. */
export function parseBody<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  if (input instanceof RejectedBody) throw input.error;
  return parseInput(schema, input);
}

/** A raw field of an unvalidated body, read only when it is a string (e.g. a tenantId to scope by). */
export function peekString(input: unknown, key: string): string | undefined {
  if (input && typeof input === 'object' && !(input instanceof RejectedBody)) {
    const value = (input as Record<string, unknown>)[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}
