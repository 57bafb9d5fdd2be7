import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DB } from '@/db';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_ADMIN } from '@/lib/testing/actors';
import { tagCheckpoint } from '@/lib/domain/replication/checkpoints';
import { DomainError } from '@/lib/core/errors';
import { createGroup, updateGroup } from './groups';
import { setSimulatorForTests } from '@/lib/sim/bridge';

/**
 * Property: whatever the body, a use case either succeeds or throws a DomainError (a 4xx), and a
 * refusal leaves every table it could touch exactly as it was.
 */
let db: DB;
beforeAll(async () => {
  setSimulatorForTests(null);
  db = await seededTestDb();
});

const TABLES = ['protection_groups', 'group_members', 'boot_groups', 'checkpoints', 'audit_log'];
const snapshot = () => TABLES.map((t) => JSON.stringify(db.$client.prepare(`select * from ${t} order by rowid`).all())).join('\n');

const vmId = fc.constantFrom('vm_acme_jump_01', 'vm_acme_test_01', 'vm_acme_web_01', 'vm_acme_bkp_01', 'vm_globex_dev_01', 'vm_nope', '', "x' or 1=1 --");
const site = fc.constantFrom('london', 'jersey', 'zurich', 'atlantis', '', 'LONDON');
const int = fc.oneof(fc.integer({ min: -10, max: 100_000 }), fc.constantFrom('300', '1e3', ' 24 ', '', NaN, Infinity, 1.5, null, true));
const subnet = fc.constantFrom('10.0.0.0/16', '10.1.0.0/16', '10.1.0.5/16', '300.1.0.0/8', 'x');
const ip = fc.constantFrom('10.1.0.1', '10.2.0.1', '1.1.1.1', 'not-an-ip');
const network = fc.oneof(
  fc.record({ mode: fc.constantFrom('keep-ip', 're-ip', 'bridge'), network: fc.string({ maxLength: 70 }) }, { requiredKeys: ['mode'] }),
  fc.record({
    mode: fc.constant('re-ip'),
    network: fc.constant('dr'),
    mappings: fc.array(fc.record({ sourceSubnet: subnet, targetSubnet: subnet, gateway: ip, dns: fc.array(ip, { maxLength: 5 }) }), { maxLength: 3 }),
  }),
  fc.anything(),
);
const plan = fc.record({
  bootGroups: fc.oneof(
    fc.array(fc.record({ name: fc.string({ maxLength: 90 }), delayAfterSeconds: int, vmIds: fc.array(vmId, { maxLength: 3 }) }, { requiredKeys: ['name'] }), { maxLength: 4 }),
    fc.anything(),
  ),
});
const groupFields = {
  name: fc.oneof(fc.string({ maxLength: 90 }), fc.constantFrom('Customer web tier', 'policy DATABASE', 'New group'), fc.anything()),
  description: fc.oneof(fc.string({ maxLength: 600 }), fc.constant(null)),
  tenantId: fc.constantFrom('ten_acme', 'ten_globex', 'nope'),
  sourceSiteId: site,
  targetSiteId: site,
  priority: fc.oneof(fc.constantFrom('low', 'medium', 'high', 'urgent'), fc.anything()),
  rpoTargetSeconds: int,
  rtoTargetMinutes: int,
  journalHistoryHours: int,
  journalLimitGb: int,
  testNetwork: network,
  liveNetwork: network,
  vmIds: fc.oneof(fc.array(vmId, { maxLength: 4 }), fc.anything()),
  recoveryPlan: plan,
};
const body = fc.oneof({ weight: 4, arbitrary: fc.record(groupFields, { requiredKeys: [] }) }, { weight: 1, arbitrary: fc.anything() });

const outcomes = { ok: 0, refused: 0 };

async function holdsProperty(run: () => Promise<unknown>) {
  const before = snapshot();
  try {
    await run();
    outcomes.ok++;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBeLessThan(500);
    expect(snapshot()).toBe(before);
    outcomes.refused++;
  }
}

describe('fuzzed bodies', () => {
  afterAll(() => {
    // The generators must reach both sides, or the property proves little.
    expect(outcomes.ok).toBeGreaterThan(20);
    expect(outcomes.refused).toBeGreaterThan(100);
  });

  it('createGroup: only domain errors, and nothing written on refusal', async () => {
    await fc.assert(fc.asyncProperty(body, (b) => holdsProperty(() => createGroup(db, ACME_ADMIN, b))), { numRuns: 400 });
  });

  it('updateGroup: only domain errors, and nothing written on refusal', async () => {
    const groupId = fc.constantFrom('grp_acme_web', 'grp_acme_file', 'grp_globex_erp', 'nope');
    await fc.assert(fc.asyncProperty(groupId, body, (id, b) => holdsProperty(() => updateGroup(db, ACME_ADMIN, id, b))), { numRuns: 400 });
  });

  it('tagCheckpoint: only domain errors, and nothing written on refusal', async () => {
    const tagBody = fc.oneof(fc.record({ tag: fc.oneof(fc.string({ maxLength: 80 }), fc.anything()) }, { requiredKeys: [] }), fc.anything());
    await fc.assert(fc.asyncProperty(tagBody, (b) => holdsProperty(() => tagCheckpoint(db, ACME_ADMIN, 'grp_acme_sql', b))), { numRuns: 300 });
  });
});
