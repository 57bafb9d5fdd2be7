import { NextRequest } from 'next/server';
import type { DB } from '@/db';
import { insertApiToken } from '@/lib/auth/api-tokens';

/**
 * Route handlers get their database from getDb(), a per-process global. Tests put their own
 * (migrated, seeded, on a temp file) in its place, then call the exported GET/POST directly.
 */
export function serveTestDb(db: DB): void {
  (globalThis as unknown as { __cloudshieldDb?: DB }).__cloudshieldDb = db;
}

/** A bearer token for a seeded user, valid for a day: how route tests act as each role. */
export function issueTestToken(db: DB, userId: string): string {
  return insertApiToken(db, { userId, name: 'test', expiresAt: new Date(Date.now() + 86_400_000) }).token;
}

type RequestOptions = {
  method?: string;
  /** Serialised as JSON unless `raw` is given. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  bearer?: string;
};

export function apiRequest(path: string, options: RequestOptions = {}): NextRequest {
  const headers = new Headers(options.headers);
  if (options.bearer) headers.set('authorization', `Bearer ${options.bearer}`);
  const text = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (text !== undefined) {
    // A test may send the body as another type on purpose (415).
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    headers.set('content-length', String(Buffer.byteLength(text)));
  }
  return new NextRequest(new URL(path, 'http://localhost:3000'), { method: options.method ?? (text === undefined ? 'GET' : 'POST'), headers, body: text });
}

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a route handler the way Next does, with its dynamic params. */
export function callRoute(handler: Handler, req: NextRequest, params: Record<string, string> = {}): Promise<Response> {
  return handler(req, { params: Promise.resolve(params) });
}
