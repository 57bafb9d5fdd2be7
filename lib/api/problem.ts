import { NextResponse } from 'next/server';
import { DomainError, EngineCatchingUpError, RateLimitedError } from '@/lib/core/errors';

/** RFC 9457 problem details. */
export type Problem = { type?: string; title: string; status: number; detail: string; instance?: string } & Record<string, unknown>;

export function problem(status: number, title: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return NextResponse.json({ type: 'about:blank', title, status, detail, ...extra } satisfies Problem, {
    status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
  });
}

/** The one mapper from thrown errors to HTTP answers. Unexpected errors never leak internals. */
export function errorResponse(error: unknown, instance?: string) {
  if (error instanceof DomainError) {
    const retry = error instanceof RateLimitedError || error instanceof EngineCatchingUpError;
    const headers: Record<string, string> = retry ? { 'retry-after': String(error.retryAfterSeconds) } : {};
    return problem(error.status, error.title, error.message, { ...error.extra, ...(instance ? { instance } : {}) }, headers);
  }
  console.error('Unhandled error in API route', instance, error);
  return problem(500, 'Internal error', 'Something went wrong on our side. The error has been logged.');
}
