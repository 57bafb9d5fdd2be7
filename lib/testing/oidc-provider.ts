import { createServer, type Server } from 'node:http';

/**
 * A real OpenID Connect provider for tests (the `oidc-provider` package), on a fixed port.
 * `issuer` may differ from where it listens (a provider configured with the wrong issuer).
 * Accounts are looked up by the login typed on its development login page (the email).
 * `clock.skewSeconds` moves its clock back (ID tokens issued already expired when larger than
 * the ID-token TTL plus the relying party's tolerance).
 */
export type TestAccount = { email: string; name?: string; emailVerified?: boolean; groups?: string[] };
export type TestOidcProvider = { issuer: string; url: string; close: () => Promise<void>; clock: { skewSeconds: number } };

/** One clock for every provider of the process (oidc-provider reads Date.now()). */
const clock = { skewSeconds: 0 };
const realNow = Date.now.bind(Date);

export async function startOidcProvider(opts: {
  port: number;
  issuer?: string;
  clients: { clientId: string; clientSecret: string; redirectUris: string[] }[];
  accounts: Record<string, TestAccount>;
  idTokenTtlSeconds?: number;
}): Promise<TestOidcProvider> {
  // @ts-expect-error oidc-provider ships no type declarations (a dev dependency used by tests only)
  const { default: Provider } = (await import('oidc-provider')) as { default: new (issuer: string, config: unknown) => { callback: () => Parameters<typeof createServer>[1] } };
  const url = `http://localhost:${opts.port}`;
  const issuer = opts.issuer ?? url;
  const provider = new Provider(issuer, {
    clients: opts.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    // ID token claims straight from the scopes (next-auth reads the ID token, not userinfo).
    conformIdTokenClaims: false,
    claims: { openid: ['sub', 'groups'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
    pkce: { required: () => true },
    ttl: { IdToken: () => (clock.skewSeconds ? 1 : (opts.idTokenTtlSeconds ?? 3600)) },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: unknown, id: string) {
      const account = opts.accounts[id.toLowerCase()];
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: account.email, email_verified: account.emailVerified ?? true, name: account.name ?? account.email, groups: account.groups ?? [] };
        },
      };
    },
  });
  Date.now = () => realNow() - clock.skewSeconds * 1000;
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, () => resolve());
  });
  return {
    issuer,
    url,
    clock,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
