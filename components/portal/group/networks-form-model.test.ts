import { describe, expect, it } from 'vitest';
import { groupNetworksSchema } from '@/lib/schemas/network';
import { errorsOf, networkBody, networksBody, networksForm, nicErrors, preview, sourceNetworks, withMode, type NetworkEditForm } from './networks-form-model';

const nics = [
  { vmId: 'vm_a', vmName: 'app-01', nic: 0, network: 'prod', ip: '10.10.1.11', mac: '00:00:00:00:00:01' },
  { vmId: 'vm_a', vmName: 'app-01', nic: 1, network: 'backup', ip: '10.20.1.11', mac: '00:00:00:00:00:02' },
  { vmId: 'vm_b', vmName: 'app-02', nic: 0, network: 'prod', ip: '10.10.1.12', mac: '00:00:00:00:00:03' },
];
const dto = {
  vms: [
    { vmId: 'vm_a', name: 'app-01', nics: [{ ...nics[0], test: null, live: null }, { ...nics[1], test: null, live: null }] },
    { vmId: 'vm_b', name: 'app-02', nics: [{ ...nics[2], test: null, live: null }] },
  ],
  testNetwork: { mode: 'keep-ip' as const, network: 'dr-test', mappings: [], networkMap: [{ sourceNetwork: 'gone', targetNetwork: 'x' }] },
  liveNetwork: {
    mode: 're-ip' as const,
    network: 'dr-prod',
    mappings: [{ sourceSubnet: '10.10.0.0/16', targetSubnet: '10.110.0.0/16', gateway: '10.110.0.1', dns: ['10.110.0.10'] }],
    overrides: [{ vmId: 'vm_b', nic: 0, ip: '10.110.9.9' }],
  },
};
const reip = (patch: Partial<NetworkEditForm> = {}): NetworkEditForm => ({ ...networksForm(dto).liveNetwork, ...patch });

describe('networks form model', () => {
  it('round-trips the saved settings into a body the route schema accepts', () => {
    const f = networksForm(dto);
    expect(f.liveNetwork.overrides).toEqual({ 'vm_b#0': '10.110.9.9' });
    expect(f.liveNetwork.mappings[0].dns).toBe('10.110.0.10');
    const body = networksBody(f);
    expect(groupNetworksSchema.parse(body)).toMatchObject({
      testNetwork: { mode: 'keep-ip', network: 'dr-test', networkMap: [{ sourceNetwork: 'gone', targetNetwork: 'x' }] },
      liveNetwork: { mode: 're-ip', overrides: [{ vmId: 'vm_b', nic: 0, ip: '10.110.9.9' }], mappings: [{ dns: ['10.110.0.10'] }] },
    });
  });

  it('lists source networks of the NICs and of the saved map', () => {
    expect(sourceNetworks(dto, networksForm(dto))).toEqual(['backup', 'gone', 'prod']);
  });

  it('keep-IP sends no overrides; blank map entries and overrides are left out', () => {
    const f = { ...reip({ networkMap: { prod: '  ', backup: 'dr-backup' }, overrides: { 'vm_a#0': '' } }) };
    expect(networkBody(f).body).toMatchObject({ networkMap: [{ sourceNetwork: 'backup', targetNetwork: 'dr-backup' }] });
    expect(networkBody(f).body).not.toHaveProperty('overrides');
    expect(networkBody(withMode(reip({ overrides: { 'vm_a#0': '10.110.1.1' } }), 'keep-ip')).body).not.toHaveProperty('overrides');
    expect(withMode({ ...reip(), mode: 'keep-ip', mappings: [] }, 're-ip').mappings).toHaveLength(1);
  });

  it('previews the resulting addresses: subnet map, static override, unmapped, network map', () => {
    const p = preview(reip({ networkMap: { backup: 'dr-backup' } }), nics);
    if (!p.ok) throw new Error('expected a preview');
    expect(p.issues).toEqual([]);
    expect(p.addresses.get('vm_a#0')).toMatchObject({ ip: '10.110.1.11', prefix: 16, gateway: '10.110.0.1', network: 'dr-prod', rule: 'subnet-map' });
    expect(p.addresses.get('vm_a#1')).toMatchObject({ ip: '10.20.1.11', network: 'dr-backup', rule: 'unmapped' });
    expect(p.addresses.get('vm_b#0')).toMatchObject({ ip: '10.110.9.9', rule: 'override' });
  });

  it('names the NIC of an out-of-subnet override and of a duplicate, beside its row', () => {
    const f = reip({ overrides: { 'vm_b#0': '192.168.1.1', 'vm_a#0': '10.110.1.12' } });
    const p = preview(f, nics);
    if (!p.ok) throw new Error('expected a preview');
    const byNic = nicErrors(Object.fromEntries(p.issues.map((i) => [i.field, i.message])), f);
    expect(byNic['vm_b#0']).toBe('app-02 NIC 0: 192.168.1.1 is outside every target subnet (10.110.0.0/16).');
    const dup = reip({ overrides: { 'vm_a#0': '10.110.1.12' }, mappings: [{ sourceSubnet: '10.10.0.0/16', targetSubnet: '10.110.0.0/16', gateway: '10.110.0.1', dns: '' }] });
    const p2 = preview(dup, nics);
    if (!p2.ok) throw new Error('expected a preview');
    expect(nicErrors(Object.fromEntries(p2.issues.map((i) => [i.field, i.message])), dup)['vm_a#0']).toMatch(/app-01 NIC 0 would get 10.110.1.12 on "dr-prod", as app-02 NIC 0 does/);
  });

  it('a body the schema refuses gives its messages by field, no addresses', () => {
    const p = preview(reip({ overrides: { 'vm_a#0': 'not-an-ip' } }), nics);
    expect(p).toEqual({ ok: false, errors: { 'overrides.0.ip': 'Static address must be an IPv4 address, e.g. 10.20.0.1.' } });
    expect(nicErrors((p as { errors: Record<string, string> }).errors, reip({ overrides: { 'vm_a#0': 'not-an-ip' } }))).toEqual({ 'vm_a#0': 'Static address must be an IPv4 address, e.g. 10.20.0.1.' });
  });

  it('splits server errors by setting', () => {
    expect(errorsOf({ 'liveNetwork.overrides.0.ip': 'x', 'testNetwork.network': 'y' }, 'liveNetwork')).toEqual({ 'overrides.0.ip': 'x' });
  });
});
