/**
 * The addresses a failover gives each recovered NIC, and what is wrong with them: pure, so the
 * domain (configuration-time validation, the snapshot an operation keeps) and the browser (a
 * preview) compute the same thing. IPv4 only; the arithmetic is lib/schemas/network's.
 *
 * Rules, per NIC, in order:
 * 1. a static override for (vmId, NIC index) gives that address; it must sit inside one of the
 *    re-IP target subnets (that subnet's gateway and DNS apply) — keep-IP has no override;
 * 2. keep-IP: the production address, on the recovery network;
 * 3. re-IP: the most specific source subnet holding the address maps it to the same host
 *    offset in its target subnet (an offset the target cannot hold is refused);
 * 4. re-IP with no source subnet holding the address: the address is kept (rule "unmapped").
 * The recovery network is the source network's entry in `networkMap`, else `network`.
 * A resulting address may not be the target subnet's network or broadcast address, nor its
 * gateway; two NICs may not end up with the same address on the same recovery network.
 */
import { cidrContains, ipv4ToNumber, parseCidr, type NetworkSettings } from '@/lib/schemas/network';

export type NicInput = { vmId: string; vmName: string; nic: number; network: string; ip: string; mac: string };

export type AddressRule = 'keep-ip' | 'subnet-map' | 'override' | 'unmapped';

export type ResultingAddress = {
  vmId: string;
  vmName: string;
  nic: number;
  mac: string;
  sourceNetwork: string;
  sourceIp: string;
  /** Recovery network the NIC is connected to. */
  network: string;
  ip: string;
  /** Prefix length of the target subnet (null when kept: the production subnet is not known). */
  prefix: number | null;
  gateway: string | null;
  dns: string[];
  rule: AddressRule;
};

/** A problem with one NIC (or one override), its field relative to the network settings. */
export type NetworkIssue = { field: string; message: string; vmId?: string; nic?: number };

/** An address already taken at the recovery site, by something outside the group being checked. */
export type TakenAddress = { network: string; ip: string; holder: string };

export function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

type Subnet = { base: number; size: number; prefix: number };

function subnetOf(cidr: string): Subnet {
  const { network, prefix } = parseCidr(cidr);
  const size = 2 ** (32 - prefix);
  return { base: network - (network % size), size, prefix };
}

const nicName = (n: { vmName: string; nic: number }) => `${n.vmName} NIC ${n.nic}`;

/** Why `ip` cannot be a host address in `cidr` (network, broadcast, the gateway), or null. */
function reservedReason(cidr: string, gateway: string, ip: string): string | null {
  const s = subnetOf(cidr);
  const n = ipv4ToNumber(ip);
  if (ip === gateway) return `${ip} is the gateway of ${cidr}`;
  if (s.prefix <= 30 && n === s.base) return `${ip} is the network address of ${cidr}`;
  if (s.prefix <= 30 && n === s.base + s.size - 1) return `${ip} is the broadcast address of ${cidr}`;
  return null;
}

/**
 * Every NIC's resulting address under `settings`, with the problems of the settings themselves
 * (overrides out of subnet or naming no NIC, offsets that do not fit, reserved addresses,
 * duplicates inside the group). Conflicts with other VMs: `conflictsWith`.
 */
export function computeAddresses(settings: NetworkSettings, nics: NicInput[]): { addresses: ResultingAddress[]; issues: NetworkIssue[] } {
  const issues: NetworkIssue[] = [];
  const targetOf = new Map((settings.networkMap ?? []).map((m) => [m.sourceNetwork.toLowerCase(), m.targetNetwork]));
  const recoveryNetwork = (source: string) => targetOf.get(source.toLowerCase()) ?? settings.network;
  // Most specific source subnet first, so a /24 carved out of a /16 wins.
  const mappings = settings.mode === 're-ip' ? [...settings.mappings].sort((a, b) => parseCidr(b.sourceSubnet).prefix - parseCidr(a.sourceSubnet).prefix) : [];

  const known = new Map(nics.map((n) => [`${n.vmId}#${n.nic}`, n]));
  const overrideOf = new Map<string, { ip: string; index: number }>();
  (settings.overrides ?? []).forEach((o, i) => {
    const key = `${o.vmId}#${o.nic}`;
    const nic = known.get(key);
    if (!nic) {
      issues.push({ field: `overrides.${i}.vmId`, vmId: o.vmId, nic: o.nic, message: `Override ${i + 1}: VM ${o.vmId} has no NIC ${o.nic} in this group.` });
      return;
    }
    if (settings.mode === 'keep-ip') {
      issues.push({ field: `overrides.${i}.ip`, vmId: o.vmId, nic: o.nic, message: `${nicName(nic)}: keep IP keeps every production address; choose re-IP to give it ${o.ip}.` });
      return;
    }
    if (overrideOf.has(key)) {
      issues.push({ field: `overrides.${i}.nic`, vmId: o.vmId, nic: o.nic, message: `${nicName(nic)} has more than one static override.` });
      return;
    }
    overrideOf.set(key, { ip: o.ip, index: i });
  });

  const addresses: ResultingAddress[] = [];
  for (const n of nics) {
    const base = { vmId: n.vmId, vmName: n.vmName, nic: n.nic, mac: n.mac, sourceNetwork: n.network, sourceIp: n.ip, network: recoveryNetwork(n.network) };
    const nicField = `nics.${n.vmId}.${n.nic}`;
    const override = overrideOf.get(`${n.vmId}#${n.nic}`);
    if (override) {
      const field = `overrides.${override.index}.ip`;
      const own = mappings.find((m) => cidrContains(m.sourceSubnet, n.ip));
      const target = own && cidrContains(own.targetSubnet, override.ip) ? own : mappings.find((m) => cidrContains(m.targetSubnet, override.ip));
      if (!target) {
        issues.push({ field, vmId: n.vmId, nic: n.nic, message: `${nicName(n)}: ${override.ip} is outside every target subnet (${mappings.map((m) => m.targetSubnet).join(', ')}).` });
        continue;
      }
      const reserved = reservedReason(target.targetSubnet, target.gateway, override.ip);
      if (reserved) {
        issues.push({ field, vmId: n.vmId, nic: n.nic, message: `${nicName(n)}: ${reserved}.` });
        continue;
      }
      addresses.push({ ...base, ip: override.ip, prefix: parseCidr(target.targetSubnet).prefix, gateway: target.gateway, dns: [...target.dns], rule: 'override' });
      continue;
    }
    if (settings.mode === 'keep-ip') {
      addresses.push({ ...base, ip: n.ip, prefix: null, gateway: null, dns: [], rule: 'keep-ip' });
      continue;
    }
    const m = mappings.find((x) => cidrContains(x.sourceSubnet, n.ip));
    if (!m) {
      addresses.push({ ...base, ip: n.ip, prefix: null, gateway: null, dns: [], rule: 'unmapped' });
      continue;
    }
    const src = subnetOf(m.sourceSubnet);
    const dst = subnetOf(m.targetSubnet);
    const offset = ipv4ToNumber(n.ip) - src.base;
    if (offset >= dst.size) {
      issues.push({ field: nicField, vmId: n.vmId, nic: n.nic, message: `${nicName(n)}: ${n.ip} has no place in ${m.targetSubnet} (mapped from ${m.sourceSubnet}); widen the target subnet or give the NIC a static override.` });
      continue;
    }
    const ip = numberToIpv4(dst.base + offset);
    const reserved = reservedReason(m.targetSubnet, m.gateway, ip);
    if (reserved) {
      issues.push({ field: nicField, vmId: n.vmId, nic: n.nic, message: `${nicName(n)} would get ${ip}, but ${reserved}; give the NIC a static override.` });
      continue;
    }
    addresses.push({ ...base, ip, prefix: dst.prefix, gateway: m.gateway, dns: [...m.dns], rule: 'subnet-map' });
  }

  const seen = new Map<string, ResultingAddress>();
  for (const a of addresses) {
    const key = `${a.network.toLowerCase()}|${a.ip}`;
    const first = seen.get(key);
    if (first) {
      // Blame the static override when one of the two has it: that is the entry to change.
      const [blamed, other] = first.rule === 'override' && a.rule !== 'override' ? [first, a] : [a, first];
      issues.push({ field: fieldOf(settings, blamed), vmId: blamed.vmId, nic: blamed.nic, message: `${nicName(blamed)} would get ${a.ip} on "${a.network}", as ${nicName(other)} does.` });
    } else seen.set(key, a);
  }
  return { addresses, issues };
}

/** The field to blame for an address: its override when it has one, else the NIC. */
function fieldOf(settings: NetworkSettings, a: ResultingAddress): string {
  const i = (settings.overrides ?? []).findIndex((o) => o.vmId === a.vmId && o.nic === a.nic);
  return a.rule === 'override' && i >= 0 ? `overrides.${i}.ip` : `nics.${a.vmId}.${a.nic}`;
}

/** The addresses that collide with ones already taken at the recovery site, each named. */
export function conflictsWith(settings: NetworkSettings, addresses: ResultingAddress[], taken: TakenAddress[]): NetworkIssue[] {
  const byKey = new Map(taken.map((t) => [`${t.network.toLowerCase()}|${t.ip}`, t]));
  return addresses.flatMap((a) => {
    const t = byKey.get(`${a.network.toLowerCase()}|${a.ip}`);
    return t ? [{ field: fieldOf(settings, a), vmId: a.vmId, nic: a.nic, message: `${nicName(a)} would get ${a.ip} on "${a.network}", already used by ${t.holder}.` }] : [];
  });
}

/** "10.110.1.11/16" or the bare address when the prefix is not known. */
export function addressText(a: Pick<ResultingAddress, 'ip' | 'prefix'>): string {
  return a.prefix === null ? a.ip : `${a.ip}/${a.prefix}`;
}
