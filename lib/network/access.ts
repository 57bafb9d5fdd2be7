/**
 * How a tenant reaches its recovered VMs, and the public side of a live failover (1:1 NAT and
 * DNS records): simulated, deterministic — the same operation always shows the same answers.
 * Pure; used by the operation DTO, its page and the console page.
 */
import type { ResultingAddress } from './re-ip';
import { numberToIpv4 } from './re-ip';

export type ConnectionOption = 'portal' | 'vpn' | 'mpls' | 'p2p';

export const CONNECTION_LABEL: Record<ConnectionOption, string> = {
  portal: 'Portal console',
  vpn: 'Site-to-site VPN',
  mpls: 'MPLS',
  p2p: 'Point-to-point link',
};

/** How to reach a VM at `address` on `network` at `site` over the tenant's connection. */
export function reachText(connection: ConnectionOption, kind: 'test' | 'live', address: string, network: string, site: string): string {
  const isolated = kind === 'test' ? ` The test network "${network}" is isolated from production;` : '';
  switch (connection) {
    case 'portal':
      return `Open the console in the portal.${isolated ? `${isolated} only the portal console reaches it.` : ` ${address} answers on "${network}" at ${site}.`}`;
    case 'vpn':
      return `Connect the client VPN to ${site} and go to ${address}.${isolated ? `${isolated} the VPN routes to it while the test runs.` : ''}`;
    case 'mpls':
      return `Over your MPLS circuit into ${site}: ${address} on "${network}".${isolated ? `${isolated} its VRF is reachable while the test runs.` : ''}`;
    case 'p2p':
      return `Over the point-to-point link to ${site}: ${address} on "${network}".${isolated ? `${isolated} the link carries it while the test runs.` : ''}`;
  }
}

export type NatMapping = { vmId: string; vmName: string; publicIp: string; privateIp: string; ports: string };
export type DnsChange = { name: string; type: 'A'; from: string; to: string; ttlSeconds: number };

function hash(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

/**
 * Live failover's public side: each recovered VM's first NIC gets a 1:1 NAT address in
 * 203.0.113.0/24 (documentation range) chosen from a hash of its id, unique within the
 * operation; its internal A record moves to the recovered address and a public A record
 * points at the NAT address.
 */
export function publicSide(addresses: Pick<ResultingAddress, 'vmId' | 'vmName' | 'nic' | 'ip' | 'sourceIp'>[], tenantSlug: string): { nat: NatMapping[]; dns: DnsChange[] } {
  const used = new Set<number>();
  const nat: NatMapping[] = [];
  const dns: DnsChange[] = [];
  for (const a of addresses.filter((x) => x.nic === 0)) {
    let host = 10 + (hash(a.vmId) % 240);
    while (used.has(host)) host = host >= 249 ? 10 : host + 1;
    used.add(host);
    const publicIp = numberToIpv4(203 * 2 ** 24 + 0 * 2 ** 16 + 113 * 256 + host);
    nat.push({ vmId: a.vmId, vmName: a.vmName, publicIp, privateIp: a.ip, ports: 'all (1:1)' });
    dns.push({ name: `${a.vmName}.${tenantSlug}.internal`, type: 'A', from: a.sourceIp, to: a.ip, ttlSeconds: 300 });
    dns.push({ name: `${a.vmName}.${tenantSlug}.example.com`, type: 'A', from: `(production public address)`, to: publicIp, ttlSeconds: 300 });
  }
  return { nat, dns };
}

/** The simulated console of a recovered VM: a boot log, deterministic for the VM and operation. */
export function bootLog(input: {
  vmName: string;
  os: 'linux' | 'windows';
  kind: 'test' | 'live';
  site: string;
  upAtIso: string | null;
  addresses: Pick<ResultingAddress, 'nic' | 'network' | 'ip' | 'prefix' | 'gateway' | 'dns' | 'mac'>[];
}): string[] {
  const { vmName, os, kind, site, addresses } = input;
  const t = (s: number) => `[${s.toFixed(6).padStart(12, ' ')}]`;
  const lines: string[] = [];
  if (os === 'linux') {
    lines.push(`${t(0)} Linux version 6.1.0-cs (builder@cloudshield) #1 SMP`, `${t(0.000912)} Command line: BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro quiet`, `${t(0.41)} Hypervisor detected: VMware`);
    addresses.forEach((a, i) => lines.push(`${t(1.2 + i * 0.05)} vmxnet3 0000:0b:00.${i} eth${a.nic}: NIC Link is Up 10000 Mbps (${a.mac})`));
    lines.push(`${t(2.8)} EXT4-fs (sda1): recovery complete`, `${t(2.81)} EXT4-fs (sda1): mounted filesystem with ordered data mode`);
    addresses.forEach((a, i) =>
      lines.push(`${t(4.1 + i * 0.1)} cloud-init: eth${a.nic} ${a.ip}${a.prefix === null ? '' : `/${a.prefix}`}${a.gateway ? ` via ${a.gateway}` : ''}${a.dns.length ? ` dns ${a.dns.join(',')}` : ''} on "${a.network}"`),
    );
    lines.push(`${t(6.3)} systemd[1]: Reached target Multi-User System.`, `${t(6.4)} ${vmName} login:`);
  } else {
    lines.push('Windows Boot Manager', 'Starting Windows...', 'Hardware: VMware Virtual Platform', 'Recovered from replica: checking disk consistency... OK');
    addresses.forEach((a) =>
      lines.push(`Ethernet${a.nic} (${a.mac}): ${a.ip}${a.prefix === null ? '' : `/${a.prefix}`}${a.gateway ? `, gateway ${a.gateway}` : ''}${a.dns.length ? `, DNS ${a.dns.join(', ')}` : ''} on "${a.network}"`),
    );
    lines.push('Services: started', `${vmName}: Press Ctrl+Alt+Delete to sign in.`);
  }
  lines.push(`-- ${kind === 'test' ? 'test VM' : 'recovered VM'} ${vmName} up at ${site}${input.upAtIso ? ` (${input.upAtIso.slice(0, 19).replace('T', ' ')} UTC)` : ''} --`);
  return lines;
}
