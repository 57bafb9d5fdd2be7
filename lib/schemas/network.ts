import { z } from 'zod';
import { displayText } from './fields';

/**
 * Network settings applied at failover, one set for tests and one for live.
 * `keep-ip`: same addresses on a network of the same name at the target.
 * `re-ip`: each source subnet maps to a target subnet with its gateway and DNS.
 */
export type NetworkSettings = {
  mode: 'keep-ip' | 're-ip';
  network: string;
  mappings: { sourceSubnet: string; targetSubnet: string; gateway: string; dns: string[] }[];
  /** Source network name → recovery network name; NICs on networks not listed go to `network`. */
  networkMap?: { sourceNetwork: string; targetNetwork: string }[];
  /** A static address for one NIC (re-IP only): inside one of the target subnets. */
  overrides?: { vmId: string; nic: number; ip: string }[];
};

/** IPv4 dotted quad → 32-bit unsigned number (input already validated by z.ipv4/z.cidrv4). */
export function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

export function parseCidr(cidr: string): { network: number; prefix: number; mask: number } {
  const [ip, bits] = cidr.split('/');
  const prefix = Number(bits);
  // 2 ** 32 arithmetic rather than bit shifts: JS shifts are 32-bit signed (and /0 is 0 by itself).
  const mask = 2 ** 32 - 2 ** (32 - prefix);
  return { network: ipv4ToNumber(ip), prefix, mask };
}

function hostBits(cidr: string): number {
  const { network, prefix } = parseCidr(cidr);
  return network % 2 ** (32 - prefix);
}

export function cidrContains(cidr: string, ip: string): boolean {
  const { network, prefix } = parseCidr(cidr);
  const size = 2 ** (32 - prefix);
  const base = network - (network % size);
  const n = ipv4ToNumber(ip);
  return n >= base && n < base + size;
}

// A malformed subnet aborts: its one message is the form expected, not a host-bits complaint
// about text that is no subnet at all (nor a gateway check against it).
const subnet = (label: string) =>
  z
    .cidrv4({ error: `${label} must be an IPv4 subnet in CIDR form, e.g. 10.20.0.0/16.`, abort: true })
    .refine((c) => hostBits(c) === 0, { error: `${label} must be the network address of the subnet (host bits zero), e.g. 10.20.0.0/16.` });

const address = (label: string) => z.ipv4({ error: `${label} must be an IPv4 address, e.g. 10.20.0.1.`, abort: true });

export const reIpMappingSchema = z
  .object({
    sourceSubnet: subnet('Source subnet'),
    targetSubnet: subnet('Target subnet'),
    gateway: address('Gateway'),
    dns: z.array(address('DNS server'), { error: 'DNS servers must be a list of IPv4 addresses.' }).max(4, { error: 'At most 4 DNS servers.' }).default([]),
  })
  // Runs only when every field parsed as its form (a malformed subnet aborts), so both are real.
  .refine((m) => cidrContains(m.targetSubnet, m.gateway), {
    error: 'The gateway must be inside the target subnet.',
    path: ['gateway'],
  });

const networkMapSchema = z
  .array(
    z.object({ sourceNetwork: displayText('Source network', 1, 64), targetNetwork: displayText('Recovery network', 1, 64) }),
    { error: 'networkMap must be a list of { sourceNetwork, targetNetwork }.' },
  )
  .max(32, { error: 'At most 32 network mappings.' })
  .refine((ms) => new Set(ms.map((m) => m.sourceNetwork.toLowerCase())).size === ms.length, { error: 'Each source network may be mapped only once.' })
  .optional();

const overridesSchema = z
  .array(
    z.object({
      vmId: z.string({ error: 'VM id must be an id (text).' }).min(1, { error: 'VM id is required.' }).max(64, { error: 'VM id is not a valid id.' }).regex(/^[A-Za-z0-9_-]+$/, { error: 'VM id is not a valid id.' }),
      nic: z.number({ error: 'NIC must be the NIC index (a whole number from 0).' }).int({ error: 'NIC must be a whole number.' }).min(0, { error: 'NIC must be 0 or more.' }).max(15, { error: 'NIC must be at most 15.' }),
      ip: address('Static address'),
    }),
    { error: 'overrides must be a list of { vmId, nic, ip }.' },
  )
  .max(400, { error: 'At most 400 static overrides.' })
  .optional();

const keepIpSchema = z.object({
  mode: z.literal('keep-ip'),
  network: displayText('Network', 1, 64),
  // Ignored in keep-ip mode; accepted so a form can switch modes without clearing its rows.
  mappings: z.array(z.unknown()).max(64).optional().transform(() => [] as z.output<typeof reIpMappingSchema>[]),
  networkMap: networkMapSchema,
  overrides: overridesSchema,
});

const reIpSchema = z.object({
  mode: z.literal('re-ip'),
  network: displayText('Network', 1, 64),
  mappings: z
    .array(reIpMappingSchema, { error: 'Subnet mappings must be a list.' })
    .min(1, { error: 'Re-IP needs at least one subnet mapping.' })
    .max(64, { error: 'At most 64 subnet mappings.' })
    .refine((ms) => new Set(ms.map((m) => m.sourceSubnet)).size === ms.length, { error: 'Each source subnet may be mapped only once.' }),
  networkMap: networkMapSchema,
  overrides: overridesSchema,
});

/**
 * Network settings applied at failover (one set for tests, one for live): keep the addresses on
 * a same-named network, or re-IP each source subnet to a target subnet.
 */
export const networkSettingsSchema = z.discriminatedUnion('mode', [keepIpSchema, reIpSchema], {
  error: 'mode must be "keep-ip" or "re-ip".',
});

/** PUT /groups/{id}/networks: either network setting, or both, each whole. */
export const groupNetworksSchema = z
  .object({ testNetwork: networkSettingsSchema.optional(), liveNetwork: networkSettingsSchema.optional() }, { error: 'Send { testNetwork?, liveNetwork? }.' })
  .refine((b) => b.testNetwork !== undefined || b.liveNetwork !== undefined, { error: 'Send testNetwork, liveNetwork or both.', path: ['testNetwork'] });

/** GET /operations/{id}/console: the test VM whose console to show. */
export const testConsoleQuerySchema = z.object({
  vmId: z.string({ error: 'vmId is required: the test VM whose console to show.' }).min(1, { error: 'vmId is required: the test VM whose console to show.' }).max(64, { error: 'vmId is not a valid id.' }).regex(/^[A-Za-z0-9_-]+$/, { error: 'vmId is not a valid id.' }),
});
