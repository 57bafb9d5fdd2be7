import { NextResponse, type NextRequest } from 'next/server';
import { DomainError, ValidationError } from '@/lib/core/errors';
import { RejectedBody } from '@/lib/domain/core/input';

/** Largest JSON body accepted (413 above). */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * `application/json`, or a structured `+json` type (RFC 6839), with any parameters (charset).
 * Anything else is not parsed as JSON: a client that sends text/plain has a bug worth hearing
 * about, and `text/plain` and form posts are what a browser sends cross-site without a CORS
 * preflight, so refusing them keeps the session-cookie API out of reach of such requests even
 * where SameSite would not.
 */
function isJsonMediaType(contentType: string | null): boolean {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

/**
 * Reads the body as JSON: 413 when too large, 415 when it is not declared as JSON, 400 naming
 * the body when it is malformed. An empty body reads as `{}` whatever its type (an action
 * without parameters).
 */
export async function readJson(req: Request): Promise<unknown> {
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) throw tooLarge();
  const text = await readTextWithin(req, MAX_BODY_BYTES);
  if (text.trim() === '') return {};
  const contentType = req.headers.get('content-type');
  if (!isJsonMediaType(contentType)) {
    const message = `Send the body as JSON with Content-Type: application/json${contentType ? `, not ${contentType.split(';')[0].trim()}` : ''}.`;
    throw new DomainError(415, 'Unsupported media type', message, { errors: [{ field: 'Content-Type', message }] });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError([{ field: '(body)', message: 'Malformed JSON' }]);
  }
}

function tooLarge(): DomainError {
  return new DomainError(413, 'Payload too large', `The body exceeds ${MAX_BODY_BYTES} bytes.`);
}

/**
 * The body as UTF-8 text, counting bytes as they stream in and cancelling the stream at the
 * limit: a chunked body (no content-length) or one whose content-length lies is never held in
 * memory beyond `limit` bytes.
 */
export async function readTextWithin(req: Request, limit: number): Promise<string> {
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

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
