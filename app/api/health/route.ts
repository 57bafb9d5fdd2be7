import { NextResponse } from 'next/server';
import { getDb } from '@/lib/domain/core/database';
import { checkHealth } from '@/lib/domain/core/health';

export const dynamic = 'force-dynamic';

/** Liveness (lib/domain/core/health): 503 only when the database is unavailable. Public, no session lookup. */
export async function GET() {
  const health = await checkHealth(getDb());
  return NextResponse.json(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
