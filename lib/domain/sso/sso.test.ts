import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { auditLog, identityProviders, tenants, users } from '@/db/schema';
import { verifyCredentials } from '@/lib/auth/credentials';
import { resetAuthRateLimits } from '@/lib/auth/rate-limit';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/core/errors';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { startOidcProvider, type TestOidcProvider } from '@/lib/testing/oidc-provider';
import { deleteSsoConfig, getSsoSettings, putSsoConfig, testSsoConnection } from './config';
import { clearDiscoveryCache } from './discovery';
import { completeSsoSignIn, roleFromGroups, SsoRefusal, ssoProviderConfigs, ssoProviderForEmail } from './sign-in';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

// A real OpenID Connect provider (oidc-provider), and one that says it is another issuer.
const PORT = 3765;
const WRONG_PORT = 3766;
let idp: TestOidcProvider;
let wrongIdp: TestOidcProvider;
beforeAll(async () => {
  const clients = [{ clientId: 'cloudshield', clientSecret: 'sso-client-secret', redirectUris: ['http://localhost:3000/api/auth/callback/sso-x'] }];
  idp = await startOidcProvider({ port: PORT, clients, accounts: {} });
  wrongIdp = await startOidcProvider({ port: WRONG_PORT, issuer: `http://localhost:${WRONG_PORT}/some-other-issuer`, clients, accounts: {} });
});
afterAll(async () => {
  await idp?.close();
  await wrongIdp?.close();
});

let db: DB;
beforeEach(async () => {
  db = await seededTestDb(new Date('2025-03-12T10:00:00Z'));
  resetAuthRateLimits();
  clearDiscoveryCache();
});

const base = { issuer: `http://localhost:${PORT}`, clientId: 'cloudshield', clientSecret: 'sso-client-secret', domains: ['acme.test', 'acme-corp.example'] };
const auditOf = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();
const claims = (email: string, extra: Record<string, unknown> = {}) => ({ sub: `sub-${email}`, email, email_verified: true, name: 'Ada Lovelace', ...extra });
const providerOf = () => putSsoConfig(db, STAFF, 'ten_acme', base).providerId;
const refusalOf = (p: Promise<unknown>) => p.then(() => null, (e) => (e instanceof SsoRefusal ? e.code : e));

describe('single sign-on configuration', () => {
  it('lets staff configure a tenant, seals the secret, audits, and never returns it', () => {
    const dto = putSsoConfig(db, STAFF, 'ten_acme', { ...base, issuer: `${base.issuer}/`, domains: ['ACME.test', 'acme-corp.example'] });
    expect(dto).toMatchObject({ tenantId: 'ten_acme', issuer: base.issuer, clientId: 'cloudshield', clientSecretSet: true, domains: ['acme-corp.example', 'acme.test'], defaultRole: 'user', requireSso: false });
    expect(dto.providerId).toMatch(/^sso-idp_/);
    expect(dto.providerId).not.toContain('acme');
    expect(dto.redirectUri).toMatch(new RegExp(`/api/auth/callback/${dto.providerId}$`));
    expect(JSON.stringify(dto)).not.toContain('sso-client-secret');
    const stored = db.select().from(identityProviders).get()!;
    expect(stored.clientSecret).toMatch(/^v1:/);
    expect(stored.clientSecret).not.toContain('sso-client-secret');
    expect(ssoProviderConfigs(db)[0]).toMatchObject({ providerId: dto.providerId, clientSecret: 'sso-client-secret' });
    const [entry] = auditOf('sso.configure');
    expect(entry).toMatchObject({ actorId: STAFF.userId, tenantId: 'ten_acme', targetId: stored.id });
    expect(JSON.stringify(entry.details)).not.toContain('sso-client-secret');
  });

  it('keeps the stored secret when an update leaves it out, and keeps the provider id', () => {
    const first = putSsoConfig(db, STAFF, 'ten_acme', base);
    const sealed = db.select().from(identityProviders).get()!.clientSecret;
    const second = putSsoConfig(db, STAFF, 'ten_acme', { ...base, clientSecret: undefined, defaultRole: 'client_admin' });
    expect(second.providerId).toBe(first.providerId);
    expect(db.select().from(identityProviders).get()!.clientSecret).toBe(sealed);
    expect(auditOf('sso.update')[0].details).toMatchObject({ before: { defaultRole: 'user' }, after: { defaultRole: 'client_admin' }, clientSecretChanged: false });
  });

  it('names the field of invalid input and changes nothing', () => {
    const fieldsOf = (input: unknown) => {
      try {
        putSsoConfig(db, STAFF, 'ten_acme', input);
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).errors.map((x) => x.field.split('.')[0]).sort();
      }
      return [];
    };
    expect(fieldsOf({ ...base, issuer: 'http://idp.example.com' })).toEqual(['issuer']); // http only for localhost
    expect(fieldsOf({ ...base, issuer: 'not a url' })).toEqual(['issuer']);
    expect(fieldsOf({ ...base, domains: [] })).toEqual(['domains']);
    expect(fieldsOf({ ...base, domains: ['@acme.test'] })).toEqual(['domains']);
    expect(fieldsOf({ ...base, defaultRole: 'staff' })).toEqual(['defaultRole']);
    expect(fieldsOf({ ...base, groupRoles: [{ group: 'ops', role: 'staff' }] })).toEqual(['groupRoles']);
    expect(fieldsOf({ ...base, requireSso: true })).toEqual(['breakGlassUserId']);
    expect(fieldsOf({ ...base, requireSso: 'true', breakGlassUserId: 'usr_admin_acme' })).toEqual(['requireSso']);
    expect(fieldsOf({ ...base, clientSecret: undefined })).toEqual(['clientSecret']); // required at creation
    expect(fieldsOf({ ...base, requireSso: true, breakGlassUserId: 'usr_user_acme' })).toEqual(['breakGlassUserId']); // not an administrator
    expect(fieldsOf({ ...base, requireSso: true, breakGlassUserId: 'usr_admin_globex' })).toEqual(['breakGlassUserId']); // another tenant's
    expect(fieldsOf({ ...base, surprise: 1 })).toHaveLength(1);
    expect(db.select().from(identityProviders).all()).toHaveLength(0);
  });

  it('gives a domain to one tenant only (409 naming domains)', () => {
    putSsoConfig(db, STAFF, 'ten_acme', base);
    const err = (() => {
      try {
        putSsoConfig(db, STAFF, 'ten_globex', { ...base, domains: ['globex.test', 'acme.test'] });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).extra.field).toBe('domains');
    expect(getSsoSettings(db, STAFF, 'ten_globex').config).toBeNull();
    // The owner may keep its own domains on an update.
    expect(putSsoConfig(db, STAFF, 'ten_acme', { ...base, domains: ['acme.test'] }).domains).toEqual(['acme.test']);
    // Freed domains may be taken.
    expect(putSsoConfig(db, STAFF, 'ten_globex', { ...base, domains: ['acme-corp.example'] }).domains).toEqual(['acme-corp.example']);
  });

  it('is staff only: client roles are forbidden (audited) before the body is read', async () => {
    for (const actor of [ACME_ADMIN, ACME_USER, GLOBEX_ADMIN]) {
      expect(() => getSsoSettings(db, actor, 'ten_acme')).toThrow(ForbiddenError);
      expect(() => putSsoConfig(db, actor, 'ten_acme', {})).toThrow(ForbiddenError);
      expect(() => deleteSsoConfig(db, actor, 'ten_acme')).toThrow(ForbiddenError);
      await expect(testSsoConnection(db, actor, 'ten_acme', { issuer: base.issuer })).rejects.toBeInstanceOf(ForbiddenError);
    }
    // Identical refusals within a minute are one entry with a count.
    expect(auditOf('denied:tenants:manage').reduce((n, a) => n + a.count, 0)).toBe(12);
    expect(db.select().from(identityProviders).all()).toHaveLength(0);
  });

  it('answers 404 for an unknown tenant and for removing what is not there', () => {
    expect(() => getSsoSettings(db, STAFF, 'ten_nope')).toThrow(NotFoundError);
    expect(() => putSsoConfig(db, STAFF, 'ten_nope', base)).toThrow(NotFoundError);
    expect(() => deleteSsoConfig(db, STAFF, 'ten_acme')).toThrow(NotFoundError);
  });

  it('lists the enabled client administrators as break-glass candidates', () => {
    expect(getSsoSettings(db, STAFF, 'ten_acme').administrators.map((a) => a.id).sort()).toEqual(['usr_admin2_acme', 'usr_admin_acme']);
  });

  it('removes the configuration (audited) and frees the domains', () => {
    putSsoConfig(db, STAFF, 'ten_acme', base);
    deleteSsoConfig(db, STAFF, 'ten_acme');
    expect(auditOf('sso.remove')).toHaveLength(1);
    expect(ssoProviderForEmail(db, 'someone@acme.test')).toBeNull();
  });
});

describe('test connection (a real OpenID Connect provider)', () => {
  it('fetches the discovery document', async () => {
    const result = await testSsoConnection(db, STAFF, 'ten_acme', { issuer: base.issuer });
    expect(result).toMatchObject({ ok: true, provider: { issuer: base.issuer, authorizationEndpoint: `${base.issuer}/auth`, jwksUri: `${base.issuer}/jwks` } });
  });

  it('refuses a provider whose discovery document names another issuer', async () => {
    const result = await testSsoConnection(db, STAFF, 'ten_acme', { issuer: `http://localhost:${WRONG_PORT}` });
    expect(result).toMatchObject({ ok: false, code: 'issuer-mismatch' });
    expect(!result.ok && result.problem).toContain('some-other-issuer');
  });

  it('reports an unreachable issuer', async () => {
    expect(await testSsoConnection(db, STAFF, 'ten_acme', { issuer: 'http://localhost:3769' })).toMatchObject({ ok: false, code: 'unreachable' });
  });
});

describe('sign-in through single sign-on', () => {
  it('tells which provider an email signs in with, naming no tenant; null for other domains', () => {
    const providerId = providerOf();
    expect(ssoProviderForEmail(db, 'Anyone@ACME.test')).toBe(providerId);
    expect(ssoProviderForEmail(db, 'nobody@globex.test')).toBeNull();
    expect(ssoProviderForEmail(db, 'not-an-email')).toBeNull();
  });

  it('creates the user at first sign-in in the tenant, with the default role, audited', async () => {
    const providerId = providerOf();
    const user = await completeSsoSignIn(db, providerId, claims('New.Person@acme.test'), { sourceIp: '203.0.113.9' });
    expect(user).toMatchObject({ email: 'new.person@acme.test', name: 'Ada Lovelace', role: 'user', tenantId: 'ten_acme' });
    const row = db.select().from(users).where(eq(users.id, user.id)).get()!;
    expect(row).toMatchObject({ tenantId: 'ten_acme', role: 'user' });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/); // random: nobody knows it
    expect(auditOf('user.sso-provisioned')[0]).toMatchObject({ tenantId: 'ten_acme', targetId: user.id, actorId: user.id });
    expect(auditOf('auth.sign-in').at(-1)).toMatchObject({ actorId: user.id, details: { method: 'sso', issuer: base.issuer } });
    // The second sign-in finds the same user.
    expect((await completeSsoSignIn(db, providerId, claims('new.person@acme.test'))).id).toBe(user.id);
    expect(db.select().from(users).where(eq(users.email, 'new.person@acme.test')).all()).toHaveLength(1);
  });

  it('signs in an existing user of the tenant as themselves', async () => {
    const user = await completeSsoSignIn(db, providerOf(), claims('admin@acme.test'));
    expect(user).toMatchObject({ id: 'usr_admin_acme', role: 'client_admin' });
  });

  it('refuses an email outside the tenant’s domains and creates no user', async () => {
    const providerId = providerOf();
    putSsoConfig(db, STAFF, 'ten_globex', { ...base, domains: ['globex.test'] });
    const before = db.select().from(users).all().length;
    expect(await refusalOf(completeSsoSignIn(db, providerId, claims('mallory@evil.example')))).toBe('sso-domain-refused');
    // Another tenant's domain through this tenant's provider: refused too (cross-tenant).
    expect(await refusalOf(completeSsoSignIn(db, providerId, claims('ceo@globex.test')))).toBe('sso-domain-refused');
    expect(db.select().from(users).all()).toHaveLength(before);
    expect(auditOf('auth.sign-in-failed').map((a) => a.details)).toEqual([
      expect.objectContaining({ reason: 'sso-domain-refused', channel: 'sso', email: 'mallory@evil.example' }),
      expect.objectContaining({ reason: 'sso-domain-refused', email: 'ceo@globex.test' }),
    ]);
  });

  it('refuses unverified or missing emails, unknown providers', async () => {
    const providerId = providerOf();
    expect(await refusalOf(completeSsoSignIn(db, providerId, claims('x@acme.test', { email_verified: false })))).toBe('sso-email-unverified');
    expect(await refusalOf(completeSsoSignIn(db, providerId, claims('x@acme.test', { email_verified: undefined })))).toBe('sso-email-unverified');
    expect(await refusalOf(completeSsoSignIn(db, providerId, { sub: 'x', email_verified: true }))).toBe('sso-email-missing');
    expect(await refusalOf(completeSsoSignIn(db, 'sso-idp_nope', claims('x@acme.test')))).toBe('sso-unavailable');
    expect(await refusalOf(completeSsoSignIn(db, 'credentials', claims('x@acme.test')))).toBe('sso-unavailable');
    expect(db.select().from(users).where(eq(users.email, 'x@acme.test')).get()).toBeUndefined();
  });

  it('refuses disabled users, suspended tenants, and accounts of another tenant or staff', async () => {
    const providerId = providerOf();
    db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, 'usr_user_acme')).run();
    expect(await refusalOf(completeSsoSignIn(db, providerId, claims('user@acme.test')))).toBe('account-disabled');
    // An account that exists in another tenant under an address of this tenant's domain.
    db.update(users).set({ email: 'moved@acme.test' }).where(eq(users.id, 'usr_user_globex')).run();
    expect(await refusalOf(completeSsoSignIn(db, providerId, claims('moved@acme.test')))).toBe('sso-account-elsewhere');
    db.update(users).set({ email: 'staffer@acme.test' }).where(eq(users.id, 'usr_staff_calligo')).run();
    expect(await refusalOf(completeSsoSignIn(db, providerId, claims('staffer@acme.test')))).toBe('sso-account-elsewhere');
    db.update(tenants).set({ status: 'suspended' }).where(eq(tenants.id, 'ten_acme')).run();
    expect(await refusalOf(completeSsoSignIn(db, providerId, claims('admin@acme.test')))).toBe('tenant-suspended');
    expect(await refusalOf(completeSsoSignIn(db, providerId, claims('brand.new@acme.test')))).toBe('tenant-suspended');
    expect(db.select().from(users).where(eq(users.email, 'brand.new@acme.test')).get()).toBeUndefined();
  });
});

describe('group → role mapping', () => {
  const mapping = [
    { group: 'dr-admins', role: 'client_admin' as const },
    { group: 'dr-operators', role: 'user' as const },
  ];

  it('takes the strongest mapped role, or none', () => {
    expect(roleFromGroups(mapping, ['dr-operators', 'dr-admins'])).toBe('client_admin');
    expect(roleFromGroups(mapping, ['dr-operators'])).toBe('user');
    expect(roleFromGroups(mapping, ['marketing'])).toBeNull();
  });

  it('gives new users the mapped role, else the default', async () => {
    const { providerId } = putSsoConfig(db, STAFF, 'ten_acme', { ...base, defaultRole: 'user', groupRoles: mapping, groupsClaim: 'roles' });
    expect((await completeSsoSignIn(db, providerId, claims('boss@acme.test', { roles: ['dr-admins'] }))).role).toBe('client_admin');
    expect((await completeSsoSignIn(db, providerId, claims('someone@acme.test', { roles: 'marketing' }))).role).toBe('user');
    // The claim named in the configuration, not `groups`.
    expect((await completeSsoSignIn(db, providerId, claims('other@acme.test', { groups: ['dr-admins'] }))).role).toBe('user');
  });

  it('re-evaluates the role at each sign-in (audited), but not the break-glass administrator’s', async () => {
    const { providerId } = putSsoConfig(db, STAFF, 'ten_acme', { ...base, groupRoles: mapping, requireSso: true, breakGlassUserId: 'usr_admin2_acme' });
    expect((await completeSsoSignIn(db, providerId, claims('admin@acme.test', { groups: ['dr-operators'] }))).role).toBe('user');
    expect(db.select().from(users).where(eq(users.id, 'usr_admin_acme')).get()!.role).toBe('user');
    expect(auditOf('user.role-change')[0]).toMatchObject({ targetId: 'usr_admin_acme', details: expect.objectContaining({ before: { role: 'client_admin' }, after: { role: 'user' }, via: 'sso-groups' }) });
    expect((await completeSsoSignIn(db, providerId, claims('admin@acme.test', { groups: ['dr-admins'] }))).role).toBe('client_admin');
    expect((await completeSsoSignIn(db, providerId, claims('admin2@acme.test', { groups: ['dr-operators'] }))).role).toBe('client_admin');
  });

  it('leaves roles alone without a mapping', async () => {
    const providerId = providerOf();
    expect((await completeSsoSignIn(db, providerId, claims('admin@acme.test', { groups: [] }))).role).toBe('client_admin');
    expect(auditOf('user.role-change')).toHaveLength(0);
  });
});

describe('require single sign-on', () => {
  const ctx = { sourceIp: '198.51.100.4', channel: 'web' as const };

  it('refuses password sign-in for everyone of the tenant but the break-glass administrator', async () => {
    putSsoConfig(db, STAFF, 'ten_acme', { ...base, requireSso: true, breakGlassUserId: 'usr_admin2_acme' });
    const err = await verifyCredentials(db, { email: 'admin@acme.test', password: 'demo-password' }, ctx).catch((e) => e);
    expect(err).toMatchObject({ status: 403, extra: { code: 'sso-required' } });
    expect(err.message).toMatch(/single sign-on/);
    await expect(verifyCredentials(db, { email: 'user@acme.test', password: 'demo-password' }, { ...ctx, channel: 'api' })).rejects.toMatchObject({ extra: { code: 'sso-required' } });
    expect(await verifyCredentials(db, { email: 'admin2@acme.test', password: 'demo-password' }, ctx)).toMatchObject({ id: 'usr_admin2_acme' });
    // Other tenants and staff are untouched.
    expect(await verifyCredentials(db, { email: 'admin@globex.test', password: 'demo-password' }, ctx)).toMatchObject({ id: 'usr_admin_globex' });
    expect(await verifyCredentials(db, { email: 'staff@calligo.test', password: 'demo-password' }, ctx)).toMatchObject({ id: 'usr_staff_calligo' });
    expect(auditOf('auth.sign-in-failed').map((a) => (a.details as { reason: string }).reason)).toEqual(['sso-required', 'sso-required']);
  });

  it('says nothing about SSO to a wrong password', async () => {
    putSsoConfig(db, STAFF, 'ten_acme', { ...base, requireSso: true, breakGlassUserId: 'usr_admin2_acme' });
    await expect(verifyCredentials(db, { email: 'admin@acme.test', password: 'wrong-password' }, ctx)).rejects.toMatchObject({ extra: { code: 'invalid-credentials' } });
  });

  it('allows passwords while SSO is configured but not required, and after it is removed', async () => {
    putSsoConfig(db, STAFF, 'ten_acme', base);
    expect(await verifyCredentials(db, { email: 'admin@acme.test', password: 'demo-password' }, ctx)).toMatchObject({ id: 'usr_admin_acme' });
    putSsoConfig(db, STAFF, 'ten_acme', { ...base, requireSso: true, breakGlassUserId: 'usr_admin2_acme' });
    deleteSsoConfig(db, STAFF, 'ten_acme');
    expect(await verifyCredentials(db, { email: 'admin@acme.test', password: 'demo-password' }, ctx)).toMatchObject({ id: 'usr_admin_acme' });
  });
});
