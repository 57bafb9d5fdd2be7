import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { serverConfig } from '@/lib/config';
import { simulator } from '@/lib/sim/bridge';

export const dynamic = 'force-dynamic';

type EngineState = 'running' | 'catching-up' | 'starting' | 'disabled';

/**
 * Liveness for load balancers and the e2e harness. Public and cheap: no session lookup. A
 * broken database is fatal (503); an engine still starting or catching up with the time the
 * server was down is not, the portal serves anyway (actions wait until it is live).
 */
export async function GET() {
  const headers = { 'cache-control': 'no-store' };
  try {
    getDb().$client.prepare('select 1').get();
  } catch (error) {
    console.error('Health check: database unavailable', error);
    return NextResponse.json({ status: 'error', db: 'error', engine: 'unknown' }, { status: 503, headers });
  }
  return NextResponse.json({ status: 'ok', db: 'ok', ...(await engineState()) }, { headers });
}

async function engineState(): Promise<{ engine: EngineState; behindSeconds?: number }> {
  if (serverConfig().SIM_ENABLED === '0') return { engine: 'disabled' };
  try {
    const sim = await simulator();
    if (!sim) return { engine: 'starting' };
    const lag = sim.catchingUp();
    return lag ? { engine: 'catching-up', behindSeconds: Math.ceil(lag.behindMs / 1000) } : { engine: 'running' };
  } catch {
    return { engine: 'starting' };
  }
}
