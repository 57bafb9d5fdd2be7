import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { serverConfig } from '@/lib/config';
import { simulator } from '@/lib/domain/sim-bridge';

export const dynamic = 'force-dynamic';

type EngineState = 'running' | 'starting' | 'disabled';

/**
 * Liveness for load balancers and the e2e harness. Public and cheap: no session lookup. A
 * broken database is fatal (503); an engine still starting is not, the portal serves anyway.
 */
export async function GET() {
  const headers = { 'cache-control': 'no-store' };
  try {
    getDb().$client.prepare('select 1').get();
  } catch (error) {
    console.error('Health check: database unavailable', error);
    return NextResponse.json({ status: 'error', db: 'error', engine: 'unknown' }, { status: 503, headers });
  }
  return NextResponse.json({ status: 'ok', db: 'ok', engine: await engineState() }, { headers });
}

async function engineState(): Promise<EngineState> {
  if (serverConfig().SIM_ENABLED === '0') return 'disabled';
  try {
    return (await simulator()) ? 'running' : 'starting';
  } catch {
    return 'starting';
  }
}
