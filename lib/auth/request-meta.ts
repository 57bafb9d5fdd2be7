import { CLIENT_IP_HEADER, normalizeIp, trustedForwardingActive } from '@/lib/server/forwarding.mjs';

type HeaderReader = { get(name: string): string | null };

/**
 * The client's address for the audit trail and per-IP rate limits, as decided by the portal's
 * own server (server.mjs) from the socket and TRUST_PROXY_HOPS and handed over in
 * CLIENT_IP_HEADER (any client-sent copy of it is deleted first). X-Forwarded-For and
 * X-Real-IP are never read here: a client writes what it likes into them.
 *
 * Without server.mjs in front (`next dev`, a bare `next start`) nobody vouches for that header,
 * so there is no address (null): the audit shows none and only the per-account limit applies,
 * which is safer than an address the client chose.
 */
export function sourceIpOf(headers: HeaderReader): string | null {
  if (!trustedForwardingActive()) return null;
  return normalizeIp(headers.get(CLIENT_IP_HEADER));
}

/** Same, for the plain header object next-auth passes to `authorize`. */
export function sourceIpOfRecord(headers: Record<string, string | string[] | undefined> | undefined): string | null {
  return sourceIpOf(recordReader(headers));
}

function recordReader(headers: Record<string, string | string[] | undefined> | undefined): HeaderReader {
  return {
    get: (name) => {
      const value = headers?.[name];
      return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
    },
  };
}

/** The client's User-Agent (at most 512 characters), for recognising a device it signed in from. */
export function userAgentOf(headers: HeaderReader): string | null {
  const ua = headers.get('user-agent')?.trim();
  return ua ? ua.slice(0, 512) : null;
}

/** Same, for the plain header object next-auth passes to `authorize`. */
export function userAgentOfRecord(headers: Record<string, string | string[] | undefined> | undefined): string | null {
  return userAgentOf(recordReader(headers));
}
