import 'server-only';

/**
 * OpenID Connect discovery (issue 19): the provider's `/.well-known/openid-configuration`. The
 * document must name exactly the configured issuer (OpenID Connect Discovery §4.3): otherwise a
 * provider configured with one issuer would accept ID tokens of another. Token validation
 * itself (signature, issuer, audience, expiry, nonce) is openid-client's, inside next-auth.
 */
export type DiscoveredProvider = {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint: string | null;
  jwksUri: string;
  scopesSupported: string[] | null;
};

export class DiscoveryError extends Error {
  constructor(
    message: string,
    readonly code: 'unreachable' | 'invalid-document' | 'issuer-mismatch',
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 5_000;
const CACHE_MS = 5 * 60_000;
const cache = new Map<string, { at: number; value: DiscoveredProvider }>();

const strip = (v: string) => v.replace(/\/+$/, '');

export function discoveryUrl(issuer: string): string {
  return `${strip(issuer)}/.well-known/openid-configuration`;
}

/** Fetches and checks the discovery document. `fresh` skips the 5-minute cache (test connection). */
export async function discover(issuer: string, { fresh = false } = {}): Promise<DiscoveredProvider> {
  const key = strip(issuer);
  const hit = cache.get(key);
  if (!fresh && hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  let body: Record<string, unknown>;
  try {
    const res = await fetch(discoveryUrl(key), { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error', headers: { accept: 'application/json' } });
    if (!res.ok) throw new DiscoveryError(`The discovery document at ${discoveryUrl(key)} answered HTTP ${res.status}.`, 'unreachable');
    body = (await res.json()) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof DiscoveryError) throw error;
    if (error instanceof SyntaxError) throw new DiscoveryError(`The discovery document at ${discoveryUrl(key)} is not JSON.`, 'invalid-document');
    throw new DiscoveryError(`Could not fetch ${discoveryUrl(key)}: ${(error as Error).message}.`, 'unreachable');
  }
  const str = (k: string) => (typeof body[k] === 'string' && body[k] ? (body[k] as string) : null);
  const issuerOfDocument = str('issuer');
  const authorizationEndpoint = str('authorization_endpoint');
  const tokenEndpoint = str('token_endpoint');
  const jwksUri = str('jwks_uri');
  if (!issuerOfDocument || !authorizationEndpoint || !tokenEndpoint || !jwksUri) {
    throw new DiscoveryError('The discovery document lacks issuer, authorization_endpoint, token_endpoint or jwks_uri.', 'invalid-document');
  }
  if (strip(issuerOfDocument) !== key) {
    throw new DiscoveryError(`The provider says its issuer is ${issuerOfDocument}, not the configured ${key}. Correct the issuer URL.`, 'issuer-mismatch');
  }
  const value: DiscoveredProvider = {
    issuer: issuerOfDocument,
    authorizationEndpoint,
    tokenEndpoint,
    userinfoEndpoint: str('userinfo_endpoint'),
    jwksUri,
    scopesSupported: Array.isArray(body.scopes_supported) ? body.scopes_supported.filter((s): s is string => typeof s === 'string') : null,
  };
  cache.set(key, { at: Date.now(), value });
  return value;
}

/** Forget cached documents (a configuration change, tests). */
export function clearDiscoveryCache(): void {
  cache.clear();
}
