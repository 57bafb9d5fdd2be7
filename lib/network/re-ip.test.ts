import { describe, expect, it } from 'vitest';
import type { NetworkSettings } from '@/lib/schemas/network';
import { addressText, computeAddresses, conflictsWith, numberToIpv4, type NicInput } from './re-ip';

const nic = (vmName: string, ip: string, extra: Partial<NicInput> = {}): NicInput => ({ vmId: `vm_${vmName}`, vmName, nic: 0, network: 'prod', ip, mac: '00:50:56:00:00:01', ...extra });
const reIp = (over: Partial<NetworkSettings> = {}): NetworkSettings => ({
  mode: 're-ip',
  network: 'dr-prod',
  mappings: [{ sourceSubnet: '10.10.0.0/16', targetSubnet: '10.110.0.0/16', gateway: '10.110.0.1', dns: ['10.110.0.10'] }],
  ...over,
});
const keep: NetworkSettings = { mode: 'keep-ip', network: 'dr-test', mappings: [] };

describe('numberToIpv4', () => {
  it('is the inverse of the dotted quad', () => {
    expect(numberToIpv4(0)).toBe('0.0.0.0');
    expect(numberToIpv4(2 ** 32 - 1)).toBe('255.255.255.255');
    expect(numberToIpv4(10 * 2 ** 24 + 110 * 2 ** 16 + 1 * 256 + 11)).toBe('10.110.1.11');
  });
});

describe('computeAddresses', () => {
  it('keep IP: the production address on the recovery network, nothing else known', () => {
    const { addresses, issues } = computeAddresses(keep, [nic('web', '10.10.1.11')]);
    expect(issues).toEqual([]);
    expect(addresses).toEqual([
      { vmId: 'vm_web', vmName: 'web', nic: 0, mac: '00:50:56:00:00:01', sourceNetwork: 'prod', sourceIp: '10.10.1.11', network: 'dr-test', ip: '10.10.1.11', prefix: null, gateway: null, dns: [], rule: 'keep-ip' },
    ]);
    expect(addressText(addresses[0])).toBe('10.10.1.11');
  });

  it('subnet map: the same host offset in the target subnet, with its gateway and DNS', () => {
    const { addresses, issues } = computeAddresses(reIp(), [nic('web', '10.10.1.11'), nic('app', '10.10.2.21')]);
    expect(issues).toEqual([]);
    expect(addresses.map((a) => [a.ip, a.prefix, a.gateway, a.dns, a.rule])).toEqual([
      ['10.110.1.11', 16, '10.110.0.1', ['10.110.0.10'], 'subnet-map'],
      ['10.110.2.21', 16, '10.110.0.1', ['10.110.0.10'], 'subnet-map'],
    ]);
    expect(addressText(addresses[0])).toBe('10.110.1.11/16');
  });

  it('the most specific source subnet wins', () => {
    const settings = reIp({
      mappings: [
        { sourceSubnet: '10.10.0.0/16', targetSubnet: '10.110.0.0/16', gateway: '10.110.0.1', dns: [] },
        { sourceSubnet: '10.10.3.0/24', targetSubnet: '192.168.3.0/24', gateway: '192.168.3.1', dns: [] },
      ],
    });
    const { addresses } = computeAddresses(settings, [nic('sql', '10.10.3.31'), nic('web', '10.10.1.11')]);
    expect(addresses.map((a) => a.ip)).toEqual(['192.168.3.31', '10.110.1.11']);
  });

  it('re-IP keeps an address no source subnet holds, and says so', () => {
    const { addresses, issues } = computeAddresses(reIp(), [nic('file', '10.20.1.40')]);
    expect(issues).toEqual([]);
    expect(addresses[0]).toMatchObject({ ip: '10.20.1.40', rule: 'unmapped', gateway: null });
  });

  it('maps source networks to recovery networks by name, the rest to the default network', () => {
    const settings = reIp({ networkMap: [{ sourceNetwork: 'backup', targetNetwork: 'dr-backup' }] });
    const { addresses } = computeAddresses(settings, [nic('web', '10.10.1.11'), nic('web', '10.10.8.11', { nic: 1, network: 'Backup' })]);
    expect(addresses.map((a) => a.network)).toEqual(['dr-prod', 'dr-backup']);
  });

  it('a static override inside a target subnet wins, with that subnet’s gateway', () => {
    const { addresses, issues } = computeAddresses(reIp({ overrides: [{ vmId: 'vm_web', nic: 0, ip: '10.110.50.5' }] }), [nic('web', '10.10.1.11')]);
    expect(issues).toEqual([]);
    expect(addresses[0]).toMatchObject({ ip: '10.110.50.5', rule: 'override', gateway: '10.110.0.1', prefix: 16 });
  });

  it('refuses an override outside every target subnet, naming the NIC and the field', () => {
    const { addresses, issues } = computeAddresses(reIp({ overrides: [{ vmId: 'vm_web', nic: 0, ip: '10.120.0.5' }] }), [nic('web', '10.10.1.11')]);
    expect(addresses).toEqual([]);
    expect(issues).toEqual([{ field: 'overrides.0.ip', vmId: 'vm_web', nic: 0, message: 'web NIC 0: 10.120.0.5 is outside every target subnet (10.110.0.0/16).' }]);
  });

  it('refuses an override on the gateway, the network or the broadcast address', () => {
    const at = (ip: string) => computeAddresses(reIp({ overrides: [{ vmId: 'vm_web', nic: 0, ip }] }), [nic('web', '10.10.1.11')]).issues.map((i) => i.message);
    expect(at('10.110.0.1')).toEqual(['web NIC 0: 10.110.0.1 is the gateway of 10.110.0.0/16.']);
    expect(at('10.110.0.0')).toEqual(['web NIC 0: 10.110.0.0 is the network address of 10.110.0.0/16.']);
    expect(at('10.110.255.255')).toEqual(['web NIC 0: 10.110.255.255 is the broadcast address of 10.110.0.0/16.']);
  });

  it('refuses overrides in keep IP, for a NIC the group does not have, and twice for one NIC', () => {
    expect(computeAddresses({ ...keep, overrides: [{ vmId: 'vm_web', nic: 0, ip: '10.10.1.99' }] }, [nic('web', '10.10.1.11')]).issues).toEqual([
      { field: 'overrides.0.ip', vmId: 'vm_web', nic: 0, message: 'web NIC 0: keep IP keeps every production address; choose re-IP to give it 10.10.1.99.' },
    ]);
    expect(computeAddresses(reIp({ overrides: [{ vmId: 'vm_web', nic: 3, ip: '10.110.1.99' }] }), [nic('web', '10.10.1.11')]).issues).toEqual([
      { field: 'overrides.0.vmId', vmId: 'vm_web', nic: 3, message: 'Override 1: VM vm_web has no NIC 3 in this group.' },
    ]);
    const twice = computeAddresses(
      reIp({ overrides: [{ vmId: 'vm_web', nic: 0, ip: '10.110.1.98' }, { vmId: 'vm_web', nic: 0, ip: '10.110.1.99' }] }),
      [nic('web', '10.10.1.11')],
    );
    expect(twice.issues).toEqual([{ field: 'overrides.1.nic', vmId: 'vm_web', nic: 0, message: 'web NIC 0 has more than one static override.' }]);
    expect(twice.addresses[0].ip).toBe('10.110.1.98');
  });

  it('refuses a mapped address the target subnet cannot hold, or that lands on the gateway', () => {
    const narrow = reIp({ mappings: [{ sourceSubnet: '10.10.0.0/16', targetSubnet: '10.110.1.0/24', gateway: '10.110.1.254', dns: [] }] });
    expect(computeAddresses(narrow, [nic('web', '10.10.1.11')]).issues).toEqual([
      { field: 'nics.vm_web.0', vmId: 'vm_web', nic: 0, message: 'web NIC 0: 10.10.1.11 has no place in 10.110.1.0/24 (mapped from 10.10.0.0/16); widen the target subnet or give the NIC a static override.' },
    ]);
    expect(computeAddresses(narrow, [nic('gw', '10.10.0.254')]).issues.map((i) => i.message)).toEqual([
      'gw NIC 0 would get 10.110.1.254, but 10.110.1.254 is the gateway of 10.110.1.0/24; give the NIC a static override.',
    ]);
  });

  it('names both NICs of a duplicate address inside the group (an override onto a mapped address)', () => {
    const { issues } = computeAddresses(reIp({ overrides: [{ vmId: 'vm_app', nic: 0, ip: '10.110.1.11' }] }), [nic('web', '10.10.1.11'), nic('app', '10.10.2.21')]);
    expect(issues).toEqual([{ field: 'overrides.0.ip', vmId: 'vm_app', nic: 0, message: 'app NIC 0 would get 10.110.1.11 on "dr-prod", as web NIC 0 does.' }]);
  });

  it('two NICs of one VM may share an address only on different networks', () => {
    const settings = reIp({ networkMap: [{ sourceNetwork: 'backup', targetNetwork: 'dr-backup' }] });
    const same = computeAddresses(settings, [nic('web', '10.10.1.11'), nic('web', '10.10.1.11', { nic: 1 })]);
    expect(same.issues.map((i) => i.field)).toEqual(['nics.vm_web.1']);
    expect(computeAddresses(settings, [nic('web', '10.10.1.11'), nic('web', '10.10.1.11', { nic: 1, network: 'backup' })]).issues).toEqual([]);
  });
});

describe('conflictsWith', () => {
  it('names the NIC and the holder of an address already taken on the same network (case-insensitive)', () => {
    const settings = reIp();
    const { addresses } = computeAddresses(settings, [nic('web', '10.10.1.11'), nic('app', '10.10.2.21')]);
    expect(conflictsWith(settings, addresses, [{ network: 'DR-prod', ip: '10.110.2.21', holder: 'acme-x NIC 0 (group Other, live)' }])).toEqual([
      { field: 'nics.vm_app.0', vmId: 'vm_app', nic: 0, message: 'app NIC 0 would get 10.110.2.21 on "dr-prod", already used by acme-x NIC 0 (group Other, live).' },
    ]);
    expect(conflictsWith(settings, addresses, [{ network: 'prod', ip: '10.110.2.21', holder: 'x' }])).toEqual([]);
  });
});
