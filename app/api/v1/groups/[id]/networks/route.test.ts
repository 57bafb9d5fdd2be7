/**
 * GET/PUT /groups/{id}/networks by every role: anonymous 401; any role of the tenant reads;
 * client_admin and staff change, a user gets 403; another tenant's group 404; an override out of
 * every target subnet 400 naming the field, the VM and the NIC; If-Match on a stale copy 412.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db/client';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { FakeSimulator } from '@/lib/operations/testing';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { GET, PUT } from './route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
let db: DB;
const tokens: Record<'admin' | 'user' | 'globex' | 'staff', string> = { admin: '', user: '', globex: '', staff: '' };
type Who = keyof typeof tokens | 'anonymous';
const bearer = (who: Who) => (who === 'anonymous' ? undefined : tokens[who]);
const get = (id: string, who: Who) => callRoute(GET, apiRequest(`/api/v1/groups/${id}/networks`, { bearer: bearer(who) }), { id });
const put = (id: string, who: Who, body: unknown, headers?: Record<string, string>) =>
  callRoute(PUT, apiRequest(`/api/v1/groups/${id}/networks`, { method: 'PUT', bearer: bearer(who), body, headers }), { id });
const live = (overrides: unknown[] = []) => ({
  liveNetwork: { mode: 're-ip', network: 'dr-prod', mappings: [{ sourceSubnet: '10.10.0.0/16', targetSubnet: '10.110.0.0/16', gateway: '10.110.0.1', dns: [] }], overrides },
});

beforeAll(async () => {
  db = await seededTestDb(new Date(NOW));
  serveTestDb(db);
  tokens.admin = issueTestToken(db, 'usr_admin_acme');
  tokens.user = issueTestToken(db, 'usr_user_acme');
  tokens.globex = issueTestToken(db, 'usr_admin_globex');
  tokens.staff = issueTestToken(db, 'usr_staff_calligo');
  setSimulatorForTests(new FakeSimulator(NOW));
});
afterAll(() => setSimulatorForTests(undefined));

describe('GET /api/v1/groups/{id}/networks', () => {
  it('401 anonymous; 200 for user, client_admin and staff; 404 for another tenant', async () => {
    expect((await get('grp_acme_web', 'anonymous')).status).toBe(401);
    for (const who of ['user', 'admin', 'staff'] as const) {
      const res = await get('grp_acme_web', who);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.vms.find((v: { vmId: string }) => v.vmId === 'vm_acme_web_01').nics[0].live).toMatchObject({ ip: '10.110.1.11', prefix: 16, rule: 'subnet-map' });
    }
    expect((await get('grp_acme_web', 'globex')).status).toBe(404);
  });
});

describe('PUT /api/v1/groups/{id}/networks', () => {
  it('403 for a user, 404 for another tenant, 200 for client_admin and staff', async () => {
    expect((await put('grp_acme_web', 'user', live())).status).toBe(403);
    expect((await put('grp_acme_web', 'globex', live())).status).toBe(404);
    const res = await put('grp_acme_web', 'admin', live([{ vmId: 'vm_acme_web_02', nic: 0, ip: '10.110.9.9' }]));
    expect(res.status).toBe(200);
    expect((await res.json()).vms.find((v: { vmId: string }) => v.vmId === 'vm_acme_web_02').nics[0].live).toMatchObject({ ip: '10.110.9.9', rule: 'override' });
    expect((await put('grp_acme_web', 'staff', live())).status).toBe(200);
  });

  it('400 problem+json naming the field, VM and NIC of an override outside every target subnet', async () => {
    const res = await put('grp_acme_web', 'admin', live([{ vmId: 'vm_acme_web_02', nic: 0, ip: '192.168.1.9' }]));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).errors).toEqual([
      { field: 'liveNetwork.overrides.0.ip', vmId: 'vm_acme_web_02', nic: 0, message: 'acme-web-02 NIC 0: 192.168.1.9 is outside every target subnet (10.110.0.0/16).' },
    ]);
  });

  it('saves a network map (what the Networks editor sends) and moves the NICs on that network', async () => {
    const body = { testNetwork: { mode: 'keep-ip', network: 'dr-test', mappings: [], networkMap: [{ sourceNetwork: 'nope-none', targetNetwork: 'dr-x' }] } };
    const before = await (await get('grp_acme_web', 'admin')).json();
    const src = before.vms[0].nics[0].network as string;
    body.testNetwork.networkMap.push({ sourceNetwork: src, targetNetwork: 'dr-isolated-web' });
    const res = await put('grp_acme_web', 'admin', body);
    expect(res.status).toBe(200);
    const after = await res.json();
    expect(after.testNetwork.networkMap).toEqual(body.testNetwork.networkMap);
    expect(after.vms[0].nics[0].test).toMatchObject({ network: 'dr-isolated-web', ip: before.vms[0].nics[0].ip, rule: 'keep-ip' });
  });

  it('400 naming the field for a static override under keep IP and for a network mapped twice; nothing saved', async () => {
    const keep = await put('grp_acme_web', 'admin', { liveNetwork: { mode: 'keep-ip', network: 'dr-prod', mappings: [], overrides: [{ vmId: 'vm_acme_web_01', nic: 0, ip: '10.110.1.50' }] } });
    expect(keep.status).toBe(400);
    expect((await keep.json()).errors).toEqual([expect.objectContaining({ field: 'liveNetwork.overrides.0.ip', vmId: 'vm_acme_web_01', nic: 0, message: expect.stringContaining('acme-web-01 NIC 0') })]);
    const twice = await put('grp_acme_web', 'admin', { testNetwork: { mode: 'keep-ip', network: 'dr-test', mappings: [], networkMap: [{ sourceNetwork: 'a', targetNetwork: 'x' }, { sourceNetwork: 'A', targetNetwork: 'y' }] } });
    expect(twice.status).toBe(400);
    expect((await twice.json()).errors[0]).toMatchObject({ field: 'testNetwork.networkMap' });
    expect((await (await get('grp_acme_web', 'admin')).json()).liveNetwork.mode).toBe('re-ip');
  });

  it('412 for a change made on a stale copy (If-Match)', async () => {
    expect((await put('grp_acme_web', 'admin', live(), { 'if-match': '"1"' })).status).toBe(412);
  });
});
