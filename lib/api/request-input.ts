import { NextResponse, type NextRequest } from 'next/server';
import { DomainError } from '@/lib/domain/errors';
import { RejectedBody } from '@/lib/domain/input';

/** Query parameters as a plain object (first value of each); the domain validates them. */
export function queryOf(req: NextRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of req.nextUrl.searchParams) if (!(key in out)) out[key] = value;
  return out;
}

/**
 * The JSON body, or a RejectedBody when it is malformed or too large. The domain throws that
 * error only after authorisation and tenant scope: a role that may not act gets 403 whatever
 * the body, and a foreign id 404.
 */
export async function bodyOf(ctx: { json: () => Promise<unknown> }): Promise<unknown> {
  try {
    return await ctx.json();
  } catch (error) {
    if (error instanceof DomainError) return new RejectedBody(error);
    throw error;
  }
}

/**
 * The version an `If-Match: "7"` header asks a change to apply to; undefined without one (or
 * with `*`), NaN when it is not one such entity tag (the domain refuses that, after authorising).
 */
export function ifMatchOf(req: { headers: Headers }): number | undefined {
  const value = req.headers.get('if-match')?.trim();
  if (!value || value === '*') return undefined;
  const version = /^"(\d{1,15})"$/.exec(value)?.[1];
  return version === undefined ? Number.NaN : Number(version);
}

/** A JSON answer carrying its entity tag (a configuration version). */
export function withEtag(body: { version: number }, status = 200) {
  return NextResponse.json(body, { status, headers: { 'cache-control': 'no-store', etag: `"${body.version}"` } });
}
