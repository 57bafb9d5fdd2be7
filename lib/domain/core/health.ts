import 'server-only';
import { serverConfig } from '@/lib/config';
import type { DB } from './database';
import { simulator } from '@/lib/sim/bridge';

type EngineState = 'running' | 'catching-up' | 'starting' | 'disabled';

export type Health =
  | { status: 'ok'; db: 'ok'; engine: EngineState; behindSeconds?: number }
  | { status: 'error'; db: 'error'; engine: 'unknown' };

/**
 * Liveness for load balancers and the e2e harness (GET /api/health). Cheap: no session lookup.
 * A broken database is fatal; an engine still starting or catching up with the time the server
 * was down is not, the portal serves anyway (actions wait until it is live).
 */
export async function checkHealth(db: DB): Promise<Health> {
  try {
    db.$client.prepare('select 1').get();
  } catch (error) {
    console.error('Health check: database unavailable', error);
    return { status: 'error', db: 'error', engine: 'unknown' };
  }
  return { status: 'ok', db: 'ok', ...(await engineState()) };
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
