import 'server-only';
import type { AuthOptions } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import type { NextRequest } from 'next/server';
import { getDb } from '@/db';
import { authOptions } from '@/lib/auth/options';
import { sourceIpOf } from '@/lib/auth/request-meta';
import { SSO_PROVIDER_PREFIX } from '@/lib/schemas/sso';
import { discover, DiscoveryError, type DiscoveredProvider } from './discovery';
import { completeSsoSignIn, SsoRefusal, ssoProviderConfigs, type SsoClaims, type SsoProviderConfig } from './sign-in';

/**
 * next-auth options for one request (issue 19): the cached credentials configuration
 * (lib/auth/options.ts, unchanged) plus one OpenID Connect provider per tenant that configured
 * single sign-on, read from the database per request, so a configuration change takes effect
 * at once. The provider a sign-in or callback names is discovered (its discovery document must
 * name the configured issuer: discovery.ts); ID token validation is openid-client's.
 */

export const SSO_SCOPES = 'openid email profile';

type Built = { options: AuthOptions } | { problem: string };

const ROUTE = /\/api\/auth\/(signin|callback)\/(sso-[A-Za-z0-9_-]+)$/;

function provider(config: SsoProviderConfig, doc: DiscoveredProvider | null): OAuthConfig<SsoClaims> {
  // Endpoints of the discovered document when the request uses this provider; listing the
  // providers (GET /api/auth/providers) needs only the id, so nothing is fetched for it.
  const base = config.issuer;
  return {
    id: config.providerId,
    name: 'Your organisation',
    type: 'oauth',
    issuer: doc?.issuer ?? base,
    authorization: { url: doc?.authorizationEndpoint ?? `${base}/authorize`, params: { scope: SSO_SCOPES } },
    token: doc?.tokenEndpoint ?? `${base}/token`,
    userinfo: doc?.userinfoEndpoint ?? undefined,
    jwks_endpoint: doc?.jwksUri ?? `${base}/jwks`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    // Placeholders until the signIn callback replaces them with the portal's user (or refuses).
    profile(claims) {
      return { id: String(claims.sub ?? ''), email: typeof claims.email === 'string' ? claims.email : '', name: typeof claims.name === 'string' ? claims.name : '', role: 'user', tenantId: null };
    },
  };
}

export async function authOptionsForRequest(req: NextRequest): Promise<Built> {
  const base = authOptions();
  const db = getDb();
  const configs = ssoProviderConfigs(db);
  if (!configs.length) return { options: base };
  const used = ROUTE.exec(req.nextUrl.pathname)?.[2];
  let doc: DiscoveredProvider | null = null;
  const usedConfig = used ? configs.find((c) => c.providerId === used) : undefined;
  if (usedConfig) {
    try {
      doc = await discover(usedConfig.issuer);
    } catch (error) {
      if (!(error instanceof DiscoveryError)) throw error;
      console.error(`Single sign-on ${usedConfig.providerId}: ${error.message}`);
      return { problem: error.code === 'issuer-mismatch' ? 'sso-issuer-mismatch' : 'sso-unreachable' };
    }
  }
  const sourceIp = sourceIpOf(req.headers);
  return {
    options: {
      ...base,
      providers: [...base.providers, ...configs.map((c) => provider(c, c === usedConfig ? doc : null))],
      callbacks: {
        ...base.callbacks,
        async signIn(params) {
          const providerId = params.account?.provider ?? '';
          if (!providerId.startsWith(SSO_PROVIDER_PREFIX)) return base.callbacks?.signIn ? base.callbacks.signIn(params) : true;
          try {
            const verified = await completeSsoSignIn(db, providerId, (params.profile ?? {}) as SsoClaims, { sourceIp });
            // The jwt callback (lib/auth/options.ts) reads the portal's user from `user`.
            Object.assign(params.user, verified);
            return true;
          } catch (error) {
            if (error instanceof SsoRefusal) return `/login?error=${error.code}`;
            console.error('Single sign-on failed unexpectedly', error);
            return '/login?error=server-error';
          }
        },
      },
    },
  };
}
