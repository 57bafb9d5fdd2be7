/**
 * Addresses of recovered VMs on operations: snapshotted at start (a later change of the group's
 * networks does not rewrite them), test access while test VMs are up, live addresses with NAT
 * and DNS after a commit, and the simulated console of a test VM.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { operations, protectionGroups, tenants } from '@/db/schema';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { updateGroupNetworks } from '@/lib/domain/groups/group-networks-update';
import { startedOnly } from '@/lib/testing/started';
import { commitOperation, getOperation, startFailover as startFailoverOrAsk, startTestFailover, stopTest } from './operations';
import { readTestConsole } from './test-console';
import { getOperationChecks } from '@/lib/domain/drills/checks';

const startFailover = startedOnly(startFailoverOrAsk);

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web';
let db: DB;
let sim: FakeSimulator;
const tick = (seconds: number) => {
  sim.nowMs += seconds * 1000;
  return advanceOpenOperations(db, sim.nowMs, sim);
};

beforeEach(async () => {
  db = await seededTestDb(new Date(NOW));
  sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  db.update(protectionGroups).set({ rpoSeconds: 6 }).run();
  writeJournal(db, WEB, NOW);
});
afterAll(() => setSimulatorForTests(undefined));

describe('test access', () => {
  it('lists the VMs whose boot group is up, with their test address and how to reach them over the VPN; gone once stopped', async () => {
    const op = await startTestFailover(db, ACME_ADMIN, WEB, {});
    expect(op.testAccess).toEqual([]);
    expect(op.liveAccess).toBeNull();
    tick(600);
    const up = await getOperation(db, ACME_USER, op.id);
    expect(up.status).toBe('testing');
    expect(up.testAccess!.map((a) => [a.name, a.addresses, a.connection, a.consolePath])).toEqual([
      ['acme-app-01', ['10.10.2.21'], 'vpn', `/operations/${op.id}/console/vm_acme_app_01`],
      ['acme-app-02', ['10.10.2.22'], 'vpn', `/operations/${op.id}/console/vm_acme_app_02`],
      ['acme-web-01', ['10.10.1.11'], 'vpn', `/operations/${op.id}/console/vm_acme_web_01`],
      ['acme-web-02', ['10.10.1.12'], 'vpn', `/operations/${op.id}/console/vm_acme_web_02`],
    ]);
    expect(up.testAccess![0].nics).toEqual([{ nic: 0, network: 'dr-test-isolated', ip: '10.10.2.21', prefix: null, gateway: null, dns: [], rule: 'keep-ip' }]);
    expect(up.testAccess![0].reach).toBe('Connect the client VPN to Zurich and go to 10.10.2.21. The test network "dr-test-isolated" is isolated from production; the VPN routes to it while the test runs.');

    const console = await readTestConsole(db, ACME_USER, op.id, { vmId: 'vm_acme_web_01' });
    expect(console).toMatchObject({ groupName: 'Customer web tier', site: 'Zurich', vm: { name: 'acme-web-01', os: 'linux' } });
    expect(console.lines.join('\n')).toContain('cloud-init: eth0 10.10.1.11 on "dr-test-isolated"');
    // The VM's own application checks in this test (the operation's checks), run once its boot group was up.
    expect(console.checks.length).toBeGreaterThan(0);
    expect(console.checks.every((c) => c.vmId === 'vm_acme_web_01' && c.operationId === op.id)).toBe(true);
    // The same results the operation's checks show (a check may fail on its own, ~1 %, as real services do: the
    // outcome hangs on the operation's random id, so this compares results, never expects a pass).
    expect(console.checks).toEqual((await getOperationChecks(db, ACME_USER, op.id)).checks.filter((c) => c.vmId === 'vm_acme_web_01'));
    expect(console.checks[0]).toMatchObject({ ok: expect.any(Boolean), at: expect.any(String) });
    expect(console.drill).toBeNull();
    expect(await readTestConsole(db, ACME_USER, op.id, { vmId: 'vm_acme_web_01' })).toEqual(console); // deterministic
    await expect(readTestConsole(db, GLOBEX_ADMIN, op.id, { vmId: 'vm_acme_web_01' })).rejects.toMatchObject({ status: 404 });
    await expect(readTestConsole(db, ACME_USER, op.id, { vmId: 'vm_acme_sql_01' })).rejects.toMatchObject({ status: 404 });

    await stopTest(db, ACME_ADMIN, op.id, { result: 'passed' });
    expect((await getOperation(db, ACME_ADMIN, op.id)).testAccess).toBeNull();
    await expect(readTestConsole(db, ACME_USER, op.id, { vmId: 'vm_acme_web_01' })).rejects.toMatchObject({ status: 404 });
  });

  it("shows each test VM's console as it booted: its boot group's finish time, its own NICs' MACs, its OS", async () => {
    const op = await startTestFailover(db, ACME_ADMIN, WEB, {});
    tick(600);
    const done = await getOperation(db, ACME_USER, op.id);
    const stepFinished = (prefix: string) => done.steps.find((s) => s.name.startsWith(prefix))!.finishedAt;
    // acme-app-* boot first, acme-web-* second (the group's boot order): each VM is "up" when its own group finished.
    const app = await readTestConsole(db, ACME_USER, op.id, { vmId: 'vm_acme_app_01' });
    const web = await readTestConsole(db, ACME_USER, op.id, { vmId: 'vm_acme_web_01' });
    expect(app.upAt).toBe(stepFinished('Boot group 1:'));
    expect(web.upAt).toBe(stepFinished('Boot group 2:'));
    expect(web.upAt! > app.upAt!).toBe(true);
    expect(web.lines.at(-1)).toBe(`-- test VM acme-web-01 up at Zurich (${web.upAt!.slice(0, 19).replace('T', ' ')} UTC) --`);
    // The MAC is the one the operation gave this VM's NIC at start, not a placeholder.
    const row = db.select({ options: operations.options }).from(operations).where(eq(operations.id, op.id)).get()!;
    const addresses = (row.options as { network: { addresses: { vmId: string; nic: number; mac: string }[] } }).network.addresses;
    const mac = addresses.find((a) => a.vmId === 'vm_acme_web_01' && a.nic === 0)!.mac;
    expect(mac).not.toBe('00:50:56:00:00:00');
    expect(web.lines.join('\n')).toContain(`eth0: NIC Link is Up 10000 Mbps (${mac})`);
    expect(app.lines.join('\n')).not.toContain(`(${mac})`);

    // A Windows VM boots like one.
    writeJournal(db, 'grp_acme_sql', sim.nowMs);
    const sql = await startTestFailover(db, ACME_ADMIN, 'grp_acme_sql', {});
    tick(900);
    const win = await readTestConsole(db, ACME_USER, sql.id, { vmId: 'vm_acme_sql_01' });
    expect(win.vm.os).toBe('windows');
    expect(win.lines[0]).toBe('Windows Boot Manager');
    expect(win.lines.join('\n')).toMatch(/Ethernet0 \([0-9a-f:]{17}\): 10\.10\.3\.31/);
  });

  it('shows how to reach a test VM for each connection option', async () => {
    db.update(tenants).set({ connection: 'portal' }).where(eq(tenants.id, 'ten_acme')).run();
    const op = await startTestFailover(db, ACME_ADMIN, WEB, {});
    tick(600);
    const [first] = (await getOperation(db, ACME_ADMIN, op.id)).testAccess!;
    expect(first.connection).toBe('portal');
    expect(first.reach).toContain('only the portal console reaches it');
  });
});

describe('live addresses', () => {
  it('keeps the addresses computed at start, and after commit shows them with NAT and DNS', async () => {
    const op = await startFailover(db, ACME_ADMIN, WEB, { commitPolicy: 'manual' });
    tick(600);
    expect((await getOperation(db, ACME_ADMIN, op.id)).status).toBe('awaiting-commit');
    expect((await getOperation(db, ACME_ADMIN, op.id)).liveAccess).toBeNull();
    await commitOperation(db, ACME_ADMIN, op.id);
    tick(600);
    const done = await getOperation(db, ACME_ADMIN, op.id);
    expect(done.status).toBe('completed');
    expect(done.liveAccess!.vms.map((v) => [v.name, v.addresses])).toEqual([
      ['acme-app-01', ['10.110.2.21']],
      ['acme-app-02', ['10.110.2.22']],
      ['acme-web-01', ['10.110.1.11']],
      ['acme-web-02', ['10.110.1.12']],
    ]);
    expect(done.liveAccess!.nat).toHaveLength(4);
    expect(new Set(done.liveAccess!.nat.map((n) => n.publicIp)).size).toBe(4);
    expect(done.liveAccess!.nat.every((n) => n.publicIp.startsWith('203.0.113.'))).toBe(true);
    expect(done.liveAccess!.dns).toContainEqual({ name: 'acme-web-01.acme.internal', type: 'A', from: '10.10.1.11', to: '10.110.1.11', ttlSeconds: 300 });
    expect(done.testAccess).toBeNull();
  });

  it('a test started before a change of the networks keeps the addresses it started with', async () => {
    const op = await startTestFailover(db, ACME_ADMIN, WEB, {});
    tick(900);
    await stopTest(db, ACME_ADMIN, op.id, { result: 'passed' });
    tick(600);
    await updateGroupNetworks(db, ACME_ADMIN, WEB, {
      testNetwork: { mode: 're-ip', network: 'dr-test-2', mappings: [{ sourceSubnet: '10.10.0.0/16', targetSubnet: '10.77.0.0/16', gateway: '10.77.0.1', dns: [] }] },
    });
    const stored = db.select({ options: operations.options }).from(operations).where(eq(operations.id, op.id)).get()!.options as { network: { addresses: { ip: string; network: string }[] } };
    expect(stored.network.addresses.map((a) => `${a.ip} on ${a.network}`)).toEqual(['10.10.2.21 on dr-test-isolated', '10.10.2.22 on dr-test-isolated', '10.10.1.11 on dr-test-isolated', '10.10.1.12 on dr-test-isolated']);
  });
});
