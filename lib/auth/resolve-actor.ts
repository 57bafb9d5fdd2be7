import type { NextRequest } from 'next/server';
import type { DB } from '@/db';
import type { Actor } from '@/lib/domain/actor';

/**
 * Who is calling: a bearer token (Authorization header) or the Auth.js session cookie.
 * Returns null for anonymous requests.
 */
export async function resolveActor(db: DB, req: NextRequest): Promise<Actor | null> {
  void db;
  void req;
  throw new Error('resolveActor: being implemented (auth helper)');
}
