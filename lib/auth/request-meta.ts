type HeaderReader = { get(name: string): string | null };

/**
 * The client's address for the audit trail and per-IP rate limits: the first hop of
 * X-Forwarded-For (set by our reverse proxy / Next's server), else X-Real-IP. A client can
 * forge these when the app is exposed without a proxy, so they are never used for access
 * decisions, only for logging and throttling (the per-account limit does not depend on them).
 */
export function sourceIpOf(headers: HeaderReader): string | null {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  const ip = forwarded || headers.get('x-real-ip')?.trim() || null;
  return ip ? ip.slice(0, 64) : null;
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
