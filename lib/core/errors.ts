/**
 * Expected failures of use cases. Route handlers map them to problem+json through one mapper
 * (lib/api/problem.ts); server actions turn them into form errors.
 */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429 | 503,
    readonly title: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in or send a valid bearer token.') {
    super(401, 'Not authenticated', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your role may not perform this action.') {
    super(403, 'Forbidden', message);
  }
}

/** Unknown id, or an id of another tenant: the two are indistinguishable on purpose. */
export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super(404, 'Not found', `No ${what} with id ${id}.`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(409, 'Conflict', message, extra);
  }
}

/** A change made on a stale copy (If-Match): someone else changed the thing since it was read. */
export class PreconditionFailedError extends DomainError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(412, 'Changed since you loaded it', message, extra);
  }
}

export type FieldError = { field: string; message: string };

export class ValidationError extends DomainError {
  constructor(readonly errors: FieldError[]) {
    super(400, 'Invalid request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}

/** A failed check; in a recovery run each names its group (or none for the run's capacity). */
export type FailedCheck = { check: string; message: string; groupId?: string | null; groupName?: string | null };

/** A well-formed request refused by pre-flight checks. */
export class PreflightError extends DomainError {
  constructor(readonly checks: FailedCheck[]) {
    super(422, 'Pre-flight checks failed', checks.map((c) => c.message).join(' '), { checks });
  }
}

/**
 * The replication engine is still catching up with the time the server was down: what it would
 * do now would happen in its past. Reads are served meanwhile; actions wait a little.
 */
export class EngineCatchingUpError extends DomainError {
  constructor(
    readonly behindMs: number,
    readonly retryAfterSeconds: number,
  ) {
    super(
      503,
      'Replication engine catching up',
      `The replication engine is catching up after a restart (${Math.ceil(behindMs / 60_000)} min behind). Try again in about ${retryAfterSeconds} s.`,
      { behindSeconds: Math.ceil(behindMs / 1000), retryAfterSeconds },
    );
  }
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number, extra: Record<string, unknown> = {}) {
    super(429, 'Too many attempts', `Too many attempts. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds, ...extra });
  }
}
