import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { serveTestDb } from '@/lib/testing/api';
import { STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { startOidcProvider, type TestOidcProvider } from '@/lib/testing/oidc-provider';
import { putSsoConfig } from './config';
import { clearDiscoveryCache } from './discovery';
import { authOptionsForRequest } from './next-auth';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

const PORT = 3767;
const WRONG_PORT = 3768;
let idp: TestOidcProvider;
let wrongIdp: TestOidcProvider;
beforeAll(async () => {
  const clients = [{ clientId: 'cs', clientSecret: 'secret', redirectUris: ['http://localhost:3000/cb'] }];
  idp = await startOidcProvider({ port: PORT, clients, accounts: {} });
  wrongIdp = await startOidcProvider({ port: WRONG_PORT, issuer: 'http://localhost:3768/elsewhere', clients, accounts: {} });
});
afterAll(async () => {
  await idp?.close();
  await wrongIdp?.close();
});

let db: DB;
beforeEach(async () => {
  db = await seededTestDb();
  serveTestDb(db);
  clearDiscoveryCache();
});

const req = (path: string) => new NextRequest(new URL(path, 'http://localhost:3000'));
const config = (issuer: string, domains: string[]) => ({ issuer, clientId: 'cs', clientSecret: 'secret', domains });

describe('next-auth options per request', () => {
  it('keeps only the credentials provider when no tenant configured single sign-on', async () => {
    const built = await authOptionsForRequest(req('/api/auth/providers'));
    expect('options' in built && built.options.providers.map((p) => p.id)).toEqual(['credentials']);
  });

  it('adds one OpenID Connect provider per configured tenant, with the discovered endpoints when used', async () => {
    const acme = putSsoConfig(db, STAFF, 'ten_acme', config(`http://localhost:${PORT}`, ['acme.test']));
    const globex = putSsoConfig(db, STAFF, 'ten_globex', config(`http://localhost:${PORT}`, ['globex.test']));
    const listed = await authOptionsForRequest(req('/api/auth/providers'));
    expect('options' in listed && listed.options.providers.map((p) => p.id)).toEqual(['credentials', acme.providerId, globex.providerId]);
    const used = await authOptionsForRequest(req(`/api/auth/signin/${acme.providerId}`));
    if (!('options' in used)) throw new Error('expected options');
    const provider = used.options.providers.find((p) => p.id === acme.providerId) as unknown as Record<string, unknown>;
    expect(provider).toMatchObject({ type: 'oauth', issuer: `http://localhost:${PORT}`, idToken: true, checks: ['pkce', 'state', 'nonce'], clientSecret: 'secret', jwks_endpoint: `http://localhost:${PORT}/jwks` });
    expect(provider.authorization).toMatchObject({ url: `http://localhost:${PORT}/auth`, params: { scope: 'openid email profile' } });
  });

  it('refuses a sign-in through a provider whose discovery document names another issuer', async () => {
    const { providerId } = putSsoConfig(db, STAFF, 'ten_acme', config(`http://localhost:${WRONG_PORT}`, ['acme.test']));
    expect(await authOptionsForRequest(req(`/api/auth/signin/${providerId}`))).toEqual({ problem: 'sso-issuer-mismatch' });
    expect(await authOptionsForRequest(req(`/api/auth/callback/${providerId}`))).toEqual({ problem: 'sso-issuer-mismatch' });
    // Listing and sessions are unaffected.
    expect('options' in (await authOptionsForRequest(req('/api/auth/session')))).toBe(true);
  });

  it('reports an unreachable provider', async () => {
    const { providerId } = putSsoConfig(db, STAFF, 'ten_acme', config('http://localhost:3769', ['acme.test']));
    expect(await authOptionsForRequest(req(`/api/auth/signin/${providerId}`))).toEqual({ problem: 'sso-unreachable' });
  });
});
