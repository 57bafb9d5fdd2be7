import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';
import { getDb, type DB } from '@/lib/domain/core/database';
import type { Actor } from '@/lib/core/actor';
import { UnauthenticatedError } from '@/lib/core/errors';
import { resolveActor } from '@/lib/auth/resolve-actor';
import { observeHttpRequest, routeTemplate } from '@/lib/metrics/registry';
import { errorResponse } from './problem';
import { readJson } from './request-input';
import { conditionalJson } from './conditional';

type Ctx<P> = { req: NextRequest; db: DB; params: P; json: () => Promise<unknown> };
type AuthedCtx<P> = Ctx<P> & { actor: Actor };

type RouteContext = { params: Promise<Record<string, string>> };

/**
 * Wraps an API route handler: resolves the actor (session cookie or bearer token), passes the
 * database, and maps every thrown error to problem+json. Authorisation itself happens in
 * lib/domain, which receives the actor.
 */
export function apiRoute<P extends Record<string, string> = Record<string, string>>(
  handler: (ctx: AuthedCtx<P>) => Promise<Response | unknown>,
): (req: NextRequest, context: RouteContext) => Promise<Response>;
export function apiRoute<P extends Record<string, string> = Record<string, string>>(
  handler: (ctx: Ctx<P> & { actor: Actor | null }) => Promise<Response | unknown>,
  options: { public: true },
): (req: NextRequest, context: RouteContext) => Promise<Response>;
export function apiRoute<P extends Record<string, string>>(
  handler: (ctx: AuthedCtx<P>) => Promise<Response | unknown>,
  options: { public?: boolean } = {},
) {
  const handle = async (req: NextRequest, context: RouteContext): Promise<Response> => {
    try {
      const db = getDb();
      const params = ((await context?.params) ?? {}) as P;
      const actor = await resolveActor(db, req);
      if (!actor && !options.public) throw new UnauthenticatedError();
      const result = await handler({ req, db, params, actor: actor as Actor, json: () => readJson(req) });
      if (result instanceof Response) return result;
      // Polled reads: a weak ETag over the body, 304 to a matching If-None-Match (lib/api/conditional).
      if (req.method === 'GET') return conditionalJson(req, result);
      return NextResponse.json(result, { headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      return errorResponse(error, req.nextUrl?.pathname);
    }
  };
  // Timed here because every API route passes through: the HTTP metrics of /api/metrics.
  return async (req: NextRequest, context: RouteContext): Promise<Response> => {
    const started = performance.now();
    const response = await handle(req, context);
    const params = ((await Promise.resolve(context?.params).catch(() => undefined)) ?? {}) as Record<string, string>;
    observeHttpRequest(req.method, routeTemplate(req.nextUrl?.pathname ?? '', params), response.status, (performance.now() - started) / 1000);
    return response;
  };
}

/** 201/202/204 helpers. */
export const created = (body: unknown) => NextResponse.json(body, { status: 201, headers: { 'cache-control': 'no-store' } });
export const accepted = (body: unknown) => NextResponse.json(body, { status: 202, headers: { 'cache-control': 'no-store' } });
export const noContent = () => new Response(null, { status: 204 });
