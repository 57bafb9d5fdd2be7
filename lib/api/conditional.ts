import { createHash } from 'node:crypto';

/**
 * Conditional GETs for polled reads. The entity tag is weak (`W/"…"`: the same JSON, not the same
 * bytes on the wire once compressed) and a hash of the JSON body alone: a body is already what one
 * actor may see (tenant, role), so two actors share a tag only when they would get the same bytes,
 * and a tag revealed to one never stands for another's data. `private, no-cache` lets the browser
 * keep the answer but makes it ask each time; a match is answered 304 with no body.
 */
export function weakEtag(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/** Whether an If-None-Match header names this tag (weak comparison, as RFC 9110 asks for GET). */
export function noneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const mine = opaque(etag);
  return header.split(',').some((t) => opaque(t) === mine);
}

export const POLLED_CACHE_CONTROL = 'private, no-cache';

/** A GET's JSON answer with its weak ETag, or 304 when the client holds that version already. */
export function conditionalJson(req: { headers: Headers }, result: unknown): Response {
  const body = JSON.stringify(result);
  const etag = weakEtag(body);
  const headers = { etag, 'cache-control': POLLED_CACHE_CONTROL, vary: 'cookie, authorization' };
  if (noneMatch(req.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, 'content-type': 'application/json' } });
}
