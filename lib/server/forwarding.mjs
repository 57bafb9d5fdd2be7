import { isIP } from 'node:net';

/**
 * Who is on the other end of a request, decided once by the portal's own HTTP server
 * (server.mjs) before Next.js sees the request, from the socket and a configured number of
 * trusted reverse-proxy hops (TRUST_PROXY_HOPS). Plain JavaScript: server.mjs runs without a
 * compiler; lib/auth/request-meta.ts and the tests import it through forwarding.d.mts.
 *
 * Nothing a client sends is believed unless a proxy we trust put it there:
 *   hops 0 (default): the socket's peer address; X-Forwarded-* are dropped.
 *   hops N: X-Forwarded-For with the socket's peer appended, read from the right: the Nth entry
 *   from the right is the address the outermost trusted proxy saw (entries left of it are
 *   whatever the client claimed). Fewer entries than hops: every entry was written by a trusted
 *   proxy, so the leftmost one is the best we know.
 */

/** The request header the app reads the client address from; server.mjs deletes any copy a client sent. */
export const CLIENT_IP_HEADER = 'x-cloudshield-client-ip';
/** "https" or "http" as decided by server.mjs (socket encryption or a trusted proxy's X-Forwarded-Proto). */
export const PROTO_HEADER = 'x-cloudshield-proto';
export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';
export const MAX_TRUST_PROXY_HOPS = 10;

/** Headers that carry client-controllable claims about the connection; dropped at hops 0. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-real-ip', 'forwarded'];

const MARK = Symbol.for('cloudshield.trustedForwarding');

/**
 * TRUST_PROXY_HOPS: a whole number 0–10, unset or empty = 0. Anything else throws, so a typo
 * stops the server rather than silently trusting nobody (or everybody).
 * @param {string | undefined} value
 * @returns {number}
 */
export function parseTrustProxyHops(value) {
  if (value === undefined || value.trim() === '') return 0;
  const trimmed = value.trim();
  const hops = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(hops) || hops > MAX_TRUST_PROXY_HOPS) {
    throw new Error(`TRUST_PROXY_HOPS must be a whole number from 0 to ${MAX_TRUST_PROXY_HOPS}, got "${value}"`);
  }
  return hops;
}

/**
 * An address as written in X-Forwarded-For or by Node's socket, normalised: surrounding quotes,
 * brackets and a port dropped ("[2001:db8::1]:443", "192.0.2.1:5555"), IPv4-mapped IPv6 as IPv4,
 * lower case. Anything that is not an IP address gives null.
 * @param {string | null | undefined} raw
 * @returns {string | null}
 */
export function normalizeIp(raw) {
  if (typeof raw !== 'string') return null;
  let s = raw.trim().replace(/^"(.*)"$/, '$1').trim();
  if (!s || s.length > 100) return null;
  const withPort = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(s) ?? /^([\d.]+):(\d{1,5})$/.exec(s);
  if (withPort) {
    if (withPort[2] !== undefined && Number(withPort[2]) > 65535) return null;
    s = withPort[1];
  }
  s = s.toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (mapped) s = mapped[1];
  return isIP(s) ? s : null;
}

/**
 * The client's address: see the file comment.
 * @param {{ forwardedFor?: string | string[] | null, remoteAddress?: string | null, hops: number }} input
 * @returns {string | null}
 */
export function clientIpFrom({ forwardedFor, remoteAddress, hops }) {
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...(hops > 0 ? listed : []), remoteAddress ?? ''];
  const start = Math.max(0, chain.length - 1 - hops);
  // A proxy we trust wrote every entry from `start` rightwards; should it have written
  // something that is no address, the next one to its right (at worst the socket) stands in.
  for (let i = start; i < chain.length; i++) {
    const ip = normalizeIp(chain[i]);
    if (ip) return ip;
  }
  return null;
}

/**
 * "https" when the socket is TLS, or when a trusted proxy (hops ≥ 1) says so in
 * X-Forwarded-Proto (its rightmost value: the one the nearest proxy wrote).
 * @param {{ forwardedProto?: string | string[] | null, encrypted: boolean, hops: number }} input
 * @returns {'https' | 'http'}
 */
export function requestProtoFrom({ forwardedProto, encrypted, hops }) {
  if (encrypted) return 'https';
  if (hops < 1 || !forwardedProto) return 'http';
  const joined = Array.isArray(forwardedProto) ? forwardedProto.join(',') : forwardedProto;
  const last = joined.split(',').pop()?.trim().toLowerCase();
  return last === 'https' ? 'https' : 'http';
}

/**
 * Rewrites a Node request's headers in place before Next.js sees them: any client-sent copy
 * of our own headers goes, the decided address and scheme are set, and (hops 0) the
 * client's X-Forwarded-* claims are dropped; with hops ≥ 1 X-Forwarded-For becomes the
 * decided address alone (nothing downstream should parse the raw chain).
 * @param {{ headers: Record<string, string | string[] | undefined>, socket: { remoteAddress?: string, encrypted?: boolean } }} req
 * @param {number} hops
 * @returns {{ clientIp: string | null, proto: 'https' | 'http' }}
 */
export function applyTrustedForwarding(req, hops) {
  const h = req.headers;
  const clientIp = clientIpFrom({ forwardedFor: h['x-forwarded-for'], remoteAddress: req.socket.remoteAddress, hops });
  const proto = requestProtoFrom({ forwardedProto: h['x-forwarded-proto'], encrypted: Boolean(req.socket.encrypted), hops });
  delete h[CLIENT_IP_HEADER];
  delete h[PROTO_HEADER];
  if (hops === 0) for (const name of FORWARDING_HEADERS) delete h[name];
  else {
    delete h['x-real-ip'];
    delete h['forwarded'];
    if (clientIp) h['x-forwarded-for'] = clientIp;
    else delete h['x-forwarded-for'];
  }
  if (clientIp) h[CLIENT_IP_HEADER] = clientIp;
  h[PROTO_HEADER] = proto;
  return { clientIp, proto };
}

/** Called by server.mjs: from now on this process's requests carry headers it set itself. */
export function markTrustedForwarding(on = true) {
  /** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (globalThis))[MARK] = on;
}

/**
 * Whether the request headers were rewritten by server.mjs. Under `next dev` or a bare
 * `next start` they were not, and CLIENT_IP_HEADER may be the client's own invention.
 * @returns {boolean}
 */
export function trustedForwardingActive() {
  return /** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (globalThis))[MARK] === true;
}
