import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';

/*
 * SSRF guard for webhook endpoints. A URL must be https:// and every address its host resolves
 * to must be a public one: loopback, private, link-local, unique-local, CGNAT, "this network",
 * multicast, reserved and their IPv4-mapped IPv6 forms are refused. WEBHOOK_ALLOW_PRIVATE=1
 * lifts both rules (local testing). Checked when an endpoint is created and again before every
 * delivery, since a name may resolve elsewhere later (DNS rebinding).
 */

export type ResolvedAddress = { address: string; family: number };
/** Resolves a host name to all its addresses (dns.lookup with all: true by default). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

function blockedAddresses(): BlockList {
  const list = new BlockList();
  const v4: [string, number][] = [
    ['0.0.0.0', 8], // "this network"
    ['10.0.0.0', 8], // private
    ['100.64.0.0', 10], // carrier-grade NAT
    ['127.0.0.0', 8], // loopback
    ['169.254.0.0', 16], // link-local (cloud metadata lives here)
    ['172.16.0.0', 12], // private
    ['192.0.0.0', 24], // IETF protocol assignments
    ['192.0.2.0', 24], // documentation
    ['192.168.0.0', 16], // private
    ['198.18.0.0', 15], // benchmarking
    ['198.51.100.0', 24], // documentation
    ['203.0.113.0', 24], // documentation
    ['224.0.0.0', 4], // multicast
    ['240.0.0.0', 4], // reserved, broadcast
  ];
  for (const [net, prefix] of v4) list.addSubnet(net, prefix, 'ipv4');
  const v6: [string, number][] = [
    ['::', 128], // unspecified
    ['::1', 128], // loopback
    ['64:ff9b::', 96], // NAT64 (embeds an IPv4 address)
    ['100::', 64], // discard
    ['2001:db8::', 32], // documentation
    ['fc00::', 7], // unique-local
    ['fe80::', 10], // link-local
    ['ff00::', 8], // multicast
  ];
  for (const [net, prefix] of v6) list.addSubnet(net, prefix, 'ipv6');
  return list;
}

const BLOCKED = blockedAddresses();

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d / ::ffff:7f00:1) or -compatible IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const m = /^::(?:ffff:)?(?:0:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (m) {
    const hi = parseInt(m[1], 16);
    const lo = parseInt(m[2], 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  const dotted = /^::(?:ffff:)?(?:0:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return dotted ? dotted[1] : null;
}

/** Whether an IP address (v4 or v6) is one a webhook may not be sent to. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(address.toLowerCase());
    if (v4 && isIP(v4) === 4) return BLOCKED.check(v4, 'ipv4');
    return BLOCKED.check(address, 'ipv6');
  }
  return true; // not an address at all: refuse
}

export type UrlCheck = { ok: true; url: URL; addresses: string[] } | { ok: false; reason: string };

/**
 * Checks an endpoint URL: https only, and every address of its host public, unless
 * `allowPrivate`. Never throws; the reason says what is wrong, for a 400 on `url` or a failed
 * delivery.
 */
export async function checkWebhookUrl(raw: string, options: { allowPrivate: boolean; resolve?: Resolver }): Promise<UrlCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'url must be an absolute https:// URL.' };
  }
  if (url.protocol !== 'https:' && !(options.allowPrivate && url.protocol === 'http:')) return { ok: false, reason: 'url must use https://.' };
  if (url.username || url.password) return { ok: false, reason: 'url must not carry a user name or password.' };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) return { ok: false, reason: 'url must name a host.' };
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await (options.resolve ?? systemResolver)(host)).map((a) => a.address);
  } catch {
    return { ok: false, reason: `The host ${host} could not be resolved.` };
  }
  if (addresses.length === 0) return { ok: false, reason: `The host ${host} could not be resolved.` };
  if (!options.allowPrivate) {
    const bad = addresses.find(isForbiddenAddress);
    if (bad) return { ok: false, reason: `The host ${host} resolves to ${bad}, a loopback, private or reserved address; webhooks go to public addresses only.` };
  }
  return { ok: true, url, addresses };
}
