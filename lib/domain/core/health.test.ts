import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SimulatorControl } from '@/lib/sim/contract';
import { testDb } from '@/lib/testing/db';
import { checkHealth } from './health';
import { setSimulatorForTests } from '@/lib/sim/bridge';

afterEach(() => setSimulatorForTests(undefined));

describe('checkHealth', () => {
  it('reports the database, and an engine that is not running yet as starting', async () => {
    setSimulatorForTests(null);
    expect(await checkHealth(testDb())).toEqual({ status: 'ok', db: 'ok', engine: 'starting' });
  });

  it('says how far behind real time an engine catching up is', async () => {
    setSimulatorForTests({ catchingUp: () => ({ behindMs: 90_500 }) } as unknown as SimulatorControl);
    expect(await checkHealth(testDb())).toEqual({ status: 'ok', db: 'ok', engine: 'catching-up', behindSeconds: 91 });
  });

  it('is an error when the database does not answer', async () => {
    const db = testDb();
    db.$client.close();
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await checkHealth(db)).toEqual({ status: 'error', db: 'error', engine: 'unknown' });
    log.mockRestore();
  });
});
