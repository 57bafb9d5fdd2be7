import { describe, expect, it } from 'vitest';
import { issuesOf } from '@/lib/testing/zod';
import { cidrContains, ipv4ToNumber, networkSettingsSchema, parseCidr, reIpMappingSchema } from './network';

const mapping = (over: Record<string, unknown> = {}) => ({ sourceSubnet: '10.1.0.0/16', targetSubnet: '10.201.0.0/16', gateway: '10.201.0.1', dns: ['10.201.0.10'], ...over });

describe('IPv4 arithmetic', () => {
  it('reads a dotted quad as its 32-bit number', () => {
    expect(ipv4ToNumber('0.0.0.0')).toBe(0);
    expect(ipv4ToNumber('0.0.1.2')).toBe(258);
    expect(ipv4ToNumber('10.20.30.40')).toBe(10 * 2 ** 24 + 20 * 2 ** 16 + 30 * 256 + 40);
    expect(ipv4ToNumber('255.255.255.255')).toBe(2 ** 32 - 1);
  });

  it('reads a CIDR as its network, prefix and mask (no 32-bit sign surprises)', () => {
    expect(parseCidr('10.20.0.0/16')).toEqual({ network: ipv4ToNumber('10.20.0.0'), prefix: 16, mask: ipv4ToNumber('255.255.0.0') });
    expect(parseCidr('0.0.0.0/0')).toEqual({ network: 0, prefix: 0, mask: 0 });
    expect(parseCidr('192.168.1.7/32').mask).toBe(2 ** 32 - 1);
    expect(parseCidr('128.0.0.0/1').mask).toBe(2 ** 31);
  });

  it('knows which addresses a subnet holds, both ends inclusive', () => {
    expect(cidrContains('10.20.0.0/16', '10.20.0.0')).toBe(true);
    expect(cidrContains('10.20.0.0/16', '10.20.255.255')).toBe(true);
    expect(cidrContains('10.20.0.0/16', '10.21.0.0')).toBe(false);
    expect(cidrContains('10.20.0.0/16', '10.19.255.255')).toBe(false);
    expect(cidrContains('192.168.1.8/30', '192.168.1.11')).toBe(true);
    expect(cidrContains('192.168.1.8/30', '192.168.1.12')).toBe(false);
    expect(cidrContains('0.0.0.0/0', '255.255.255.255')).toBe(true);
    expect(cidrContains('192.168.1.7/32', '192.168.1.7')).toBe(true);
    expect(cidrContains('192.168.1.7/32', '192.168.1.8')).toBe(false);
  });
});

describe('a re-IP subnet mapping', () => {
  it('takes a target subnet with its gateway and up to 4 DNS servers (none by default)', () => {
    expect(reIpMappingSchema.parse(mapping())).toEqual(mapping());
    expect(reIpMappingSchema.parse(mapping({ dns: undefined }))).toEqual(mapping({ dns: [] }));
    expect(reIpMappingSchema.safeParse(mapping({ dns: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'] })).success).toBe(true);
    expect(issuesOf(reIpMappingSchema, mapping({ dns: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4', '9.9.9.9'] }))).toEqual(['dns: At most 4 DNS servers.']);
    expect(issuesOf(reIpMappingSchema, mapping({ dns: ['dns.example.com'] }))).toEqual(['dns.0: DNS server must be an IPv4 address, e.g. 10.20.0.1.']);
  });

  it('wants the network address of each subnet, not a host in it', () => {
    expect(issuesOf(reIpMappingSchema, mapping({ sourceSubnet: '10.1.0.5/16' }))).toEqual([
      'sourceSubnet: Source subnet must be the network address of the subnet (host bits zero), e.g. 10.20.0.0/16.',
    ]);
    expect(issuesOf(reIpMappingSchema, mapping({ targetSubnet: '10.201.0.1/16' }))).toEqual([
      'targetSubnet: Target subnet must be the network address of the subnet (host bits zero), e.g. 10.20.0.0/16.',
    ]);
    // A /32 is one host and its own network; 0.0.0.0/0 is every address.
    expect(reIpMappingSchema.safeParse(mapping({ sourceSubnet: '10.1.2.3/32' })).success).toBe(true);
    expect(reIpMappingSchema.safeParse(mapping({ sourceSubnet: '0.0.0.0/0' })).success).toBe(true);
  });

  // Once, with the form expected: no second complaint (host bits, gateway outside) about text that is no subnet or address at all.
  it('refuses what is not a subnet or an address with the one message that says the form expected', () => {
    expect(issuesOf(reIpMappingSchema, mapping({ sourceSubnet: '10.1.0.0' }))).toEqual(['sourceSubnet: Source subnet must be an IPv4 subnet in CIDR form, e.g. 10.20.0.0/16.']);
    expect(issuesOf(reIpMappingSchema, mapping({ targetSubnet: 'junk' }))).toEqual(['targetSubnet: Target subnet must be an IPv4 subnet in CIDR form, e.g. 10.20.0.0/16.']);
    expect(issuesOf(reIpMappingSchema, mapping({ gateway: '10.201.0.256' }))).toEqual(['gateway: Gateway must be an IPv4 address, e.g. 10.20.0.1.']);
    expect(issuesOf(reIpMappingSchema, mapping({ gateway: 'junk' }))).toEqual(['gateway: Gateway must be an IPv4 address, e.g. 10.20.0.1.']);
  });

  it('reports a host-bits subnet and a gateway outside it together', () => {
    expect(issuesOf(reIpMappingSchema, mapping({ targetSubnet: '10.201.0.5/16', gateway: '10.202.0.1' }))).toEqual([
      'targetSubnet: Target subnet must be the network address of the subnet (host bits zero), e.g. 10.20.0.0/16.',
      'gateway: The gateway must be inside the target subnet.',
    ]);
  });

  it('wants the gateway inside the target subnet', () => {
    expect(issuesOf(reIpMappingSchema, mapping({ gateway: '10.202.0.1' }))).toEqual(['gateway: The gateway must be inside the target subnet.']);
    expect(reIpMappingSchema.safeParse(mapping({ targetSubnet: '192.168.10.0/24', gateway: '192.168.10.254' })).success).toBe(true);
    expect(issuesOf(reIpMappingSchema, mapping({ targetSubnet: '192.168.10.0/24', gateway: '192.168.11.1' }))).toEqual(['gateway: The gateway must be inside the target subnet.']);
  });
});

describe('networkSettingsSchema', () => {
  it('keep-ip: the network name, trimmed; any mapping rows a form kept are dropped', () => {
    expect(networkSettingsSchema.parse({ mode: 'keep-ip', network: '  dr-test  ' })).toEqual({ mode: 'keep-ip', network: 'dr-test', mappings: [] });
    expect(networkSettingsSchema.parse({ mode: 'keep-ip', network: 'prod', mappings: [{ half: 'a row' }] })).toEqual({ mode: 'keep-ip', network: 'prod', mappings: [] });
  });

  it('re-ip: at least one mapping, at most 64, each source subnet once', () => {
    expect(networkSettingsSchema.parse({ mode: 're-ip', network: 'prod', mappings: [mapping()] })).toEqual({ mode: 're-ip', network: 'prod', mappings: [mapping()] });
    expect(issuesOf(networkSettingsSchema, { mode: 're-ip', network: 'prod', mappings: [] })).toEqual(['mappings: Re-IP needs at least one subnet mapping.']);
    expect(issuesOf(networkSettingsSchema, { mode: 're-ip', network: 'prod', mappings: [mapping(), mapping({ targetSubnet: '10.202.0.0/16', gateway: '10.202.0.1' })] })).toEqual([
      'mappings: Each source subnet may be mapped only once.',
    ]);
    const many = (n: number) => Array.from({ length: n }, (_, i) => mapping({ sourceSubnet: `10.${i}.0.0/16` }));
    expect(networkSettingsSchema.safeParse({ mode: 're-ip', network: 'prod', mappings: many(64) }).success).toBe(true);
    expect(issuesOf(networkSettingsSchema, { mode: 're-ip', network: 'prod', mappings: many(65) })).toEqual(['mappings: At most 64 subnet mappings.']);
  });

  it('names an unknown mode', () => {
    expect(issuesOf(networkSettingsSchema, { mode: 'nat', network: 'prod' })).toEqual(['mode: mode must be "keep-ip" or "re-ip".']);
  });
});
