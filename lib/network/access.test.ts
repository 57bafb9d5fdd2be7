import { describe, expect, it } from 'vitest';
import { bootLog, CONNECTION_LABEL, publicSide, reachText } from './access';

describe('reachText', () => {
  it('says how to reach a test VM for each connection option', () => {
    expect(reachText('portal', 'test', '10.10.1.11', 'dr-test', 'Zurich')).toBe('Open the console in the portal. The test network "dr-test" is isolated from production; only the portal console reaches it.');
    expect(reachText('vpn', 'test', '10.10.1.11', 'dr-test', 'Zurich')).toContain('Connect the client VPN to Zurich and go to 10.10.1.11.');
    expect(reachText('mpls', 'test', '10.10.1.11', 'dr-test', 'Zurich')).toContain('Over your MPLS circuit into Zurich: 10.10.1.11 on "dr-test".');
    expect(reachText('p2p', 'test', '10.10.1.11', 'dr-test', 'Zurich')).toContain('Over the point-to-point link to Zurich');
    expect(reachText('vpn', 'live', '10.110.1.11', 'dr-prod', 'Zurich')).toBe('Connect the client VPN to Zurich and go to 10.110.1.11.');
    expect(Object.keys(CONNECTION_LABEL)).toEqual(['portal', 'vpn', 'mpls', 'p2p']);
  });
});

describe('publicSide', () => {
  const addresses = Array.from({ length: 30 }, (_, i) => ({ vmId: `vm_${i}`, vmName: `vm-${i}`, nic: 0, ip: `10.110.0.${i + 10}`, sourceIp: `10.10.0.${i + 10}` }));
  it('gives each first NIC a distinct 1:1 NAT address in 203.0.113.0/24, the same every time', () => {
    const { nat } = publicSide(addresses, 'acme');
    expect(nat).toHaveLength(30);
    expect(new Set(nat.map((n) => n.publicIp)).size).toBe(30);
    expect(nat.every((n) => /^203\.0\.113\.(\d+)$/.test(n.publicIp))).toBe(true);
    expect(publicSide(addresses, 'acme')).toEqual(publicSide(addresses, 'acme'));
  });

  it('moves the internal A record to the recovered address and points a public one at the NAT address; second NICs get none', () => {
    const { nat, dns } = publicSide([addresses[0], { ...addresses[0], nic: 1, ip: '10.110.9.9' }], 'acme');
    expect(nat).toHaveLength(1);
    expect(dns).toEqual([
      { name: 'vm-0.acme.internal', type: 'A', from: '10.10.0.10', to: '10.110.0.10', ttlSeconds: 300 },
      { name: 'vm-0.acme.example.com', type: 'A', from: '(production public address)', to: nat[0].publicIp, ttlSeconds: 300 },
    ]);
  });
});

describe('bootLog', () => {
  const nic = { nic: 0, network: 'dr-test', ip: '10.10.1.11', prefix: null, gateway: null, dns: [], mac: '00:50:56:00:00:01' };
  it('is deterministic and shows each NIC’s address for Linux and Windows', () => {
    const linux = bootLog({ vmName: 'web', os: 'linux', kind: 'test', site: 'Zurich', upAtIso: '2030-05-01T09:10:00.000Z', addresses: [nic] });
    expect(linux).toEqual(bootLog({ vmName: 'web', os: 'linux', kind: 'test', site: 'Zurich', upAtIso: '2030-05-01T09:10:00.000Z', addresses: [nic] }));
    expect(linux.join('\n')).toContain('cloud-init: eth0 10.10.1.11 on "dr-test"');
    expect(linux.at(-1)).toBe('-- test VM web up at Zurich (2030-05-01 09:10:00 UTC) --');
    const windows = bootLog({ vmName: 'sql', os: 'windows', kind: 'live', site: 'Jersey', upAtIso: null, addresses: [{ ...nic, prefix: 16, gateway: '10.110.0.1', dns: ['10.110.0.10'] }] });
    expect(windows).toContain('Ethernet0 (00:50:56:00:00:01): 10.10.1.11/16, gateway 10.110.0.1, DNS 10.110.0.10 on "dr-test"');
    expect(windows.at(-1)).toBe('-- recovered VM sql up at Jersey --');
  });
});
