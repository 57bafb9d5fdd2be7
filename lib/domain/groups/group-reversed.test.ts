/** The group detail says when a group was failed over with reverse protection: its next live failover is a failback. */
import { afterAll, expect, it } from 'vitest';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { ACME_ADMIN, ACME_USER } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { getGroup } from './groups';
import { commitOperation, startFailover as startFailoverGated } from '@/lib/domain/operations/operations';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { startedOnly } from '@/lib/testing/started';

const startFailover = startedOnly(startFailoverGated);

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web';
afterAll(() => setSimulatorForTests(undefined));

it('is reversed after a committed failover with reverse protection, and not before', async () => {
  const db = await seededTestDb(new Date(NOW));
  const sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  writeJournal(db, WEB, NOW);
  expect(await getGroup(db, ACME_USER, WEB)).toMatchObject({ reversed: false, sourceSiteId: 'london', targetSiteId: 'zurich' });
  const op = await startFailover(db, ACME_ADMIN, WEB, { reverseProtection: true });
  advanceOpenOperations(db, (sim.nowMs += 600_000), sim);
  await commitOperation(db, ACME_ADMIN, op.id);
  advanceOpenOperations(db, (sim.nowMs += 60_000), sim);
  // Home is now the target: the portal offers "Fail back to London".
  expect(await getGroup(db, ACME_USER, WEB)).toMatchObject({ reversed: true, sourceSiteId: 'zurich', targetSiteId: 'london' });
});
