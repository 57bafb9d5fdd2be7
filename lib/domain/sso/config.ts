import 'server-only';
import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { DB } from '@/db';
import { identityProviderDomains, identityProviders, users } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/core/errors';
import { authorize } from '@/lib/domain/core/authorize';
import { parseBody } from '@/lib/domain/core/input';
import { sealSecret } from '@/lib/domain/notifications/secret-box';
import { findTenant } from '@/lib/domain/staff/tenants';
import { newId } from '@/lib/ids';
import { serverConfig } from '@/lib/config';
import { ssoConfigSchema, ssoProviderId, ssoTestSchema, type SsoConfig } from '@/lib/schemas/sso';
import type { TenantRole } from '@/lib/schemas/users';
import { clearDiscoveryCache, discover, DiscoveryError, type DiscoveredProvider } from './discovery';

/**
 * Staff configure a tenant's single sign-on (issue 19): an OpenID Connect provider, the email
 * domains it owns (a domain belongs to one tenant), the role of new users, a group → role
 * mapping, and whether password sign-in is refused for everyone but a break-glass administrator.
 * Staff only ('tenants:manage'); the client secret is sealed at rest and never returned.
 */

export type SsoAdministrator = { id: string; email: string; name: string };

export type SsoConfigDto = {
  tenantId: string;
  /** next-auth's provider id; the redirect URI is <portal>/api/auth/callback/<providerId>. */
  providerId: string;
  /** What to register at the provider: NEXTAUTH_URL (or PORTAL_URL) + /api/auth/callback/<providerId>. */
  redirectUri: string;
  issuer: string;
  clientId: string;
  clientSecretSet: true;
  domains: string[];
  defaultRole: TenantRole;
  groupsClaim: string;
  groupRoles: { group: string; role: TenantRole }[];
  requireSso: boolean;
  breakGlassUserId: string | null;
  createdAt: string;
  updatedAt: string;
};

export type SsoSettingsDto = {
  /** Null until configured. */
  config: SsoConfigDto | null;
  /** The tenant's enabled client administrators: who may be the break-glass account. */
  administrators: SsoAdministrator[];
};

const TARGET = 'identity-provider';

type ProviderRow = typeof identityProviders.$inferSelect;

function domainsOf(db: DB, providerId: string): string[] {
  return db.select({ d: identityProviderDomains.domain }).from(identityProviderDomains).where(eq(identityProviderDomains.providerId, providerId)).orderBy(asc(identityProviderDomains.domain)).all().map((r) => r.d);
}

function toDto(db: DB, row: ProviderRow): SsoConfigDto {
  return {
    tenantId: row.tenantId,
    providerId: ssoProviderId(row.id),
    redirectUri: `${(process.env.NEXTAUTH_URL || serverConfig().PORTAL_URL).replace(/\/+$/, '')}/api/auth/callback/${ssoProviderId(row.id)}`,
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecretSet: true,
    domains: domainsOf(db, row.id),
    defaultRole: row.defaultRole,
    groupsClaim: row.groupsClaim,
    groupRoles: row.groupRoles,
    requireSso: row.requireSso,
    breakGlassUserId: row.breakGlassUserId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function administratorsOf(db: DB, tenantId: string): SsoAdministrator[] {
  return db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, 'client_admin'), isNull(users.disabledAt)))
    .orderBy(asc(users.email))
    .all();
}

export function getSsoSettings(db: DB, actor: Actor, tenantId: string): SsoSettingsDto {
  authorize(db, actor, 'tenants:manage', { type: 'tenant', id: tenantId });
  findTenant(db, tenantId);
  const row = db.select().from(identityProviders).where(eq(identityProviders.tenantId, tenantId)).get();
  return { config: row ? toDto(db, row) : null, administrators: administratorsOf(db, tenantId) };
}

/** Creates or replaces the tenant's configuration. 409 naming `domains` when another tenant owns one. */
export function putSsoConfig(db: DB, actor: Actor, tenantId: string, input: unknown): SsoConfigDto {
  authorize(db, actor, 'tenants:manage', { type: 'tenant', id: tenantId });
  findTenant(db, tenantId);
  const data: SsoConfig = parseBody(ssoConfigSchema, input);
  const before = db.select().from(identityProviders).where(eq(identityProviders.tenantId, tenantId)).get();
  const secret = data.clientSecret?.trim() ? data.clientSecret : undefined;
  if (!before && !secret) throw new ValidationError([{ field: 'clientSecret', message: 'Client secret is required.' }]);
  if (data.breakGlassUserId && !administratorsOf(db, tenantId).some((a) => a.id === data.breakGlassUserId)) {
    throw new ValidationError([{ field: 'breakGlassUserId', message: 'The break-glass account must be an enabled client administrator of this tenant.' }]);
  }
  const taken = db
    .select({ domain: identityProviderDomains.domain })
    .from(identityProviderDomains)
    .where(and(inArray(identityProviderDomains.domain, data.domains), ne(identityProviderDomains.tenantId, tenantId)))
    .all();
  if (taken.length) throw new ConflictError(`${taken.map((t) => t.domain).join(', ')} already belong${taken.length === 1 ? 's' : ''} to another tenant's single sign-on.`, { field: 'domains' });

  const now = new Date();
  const id = before?.id ?? newId('idp');
  const priorDomains = before ? domainsOf(db, id) : [];
  const values = {
    issuer: data.issuer,
    clientId: data.clientId,
    defaultRole: data.defaultRole,
    groupsClaim: data.groupsClaim,
    groupRoles: data.groupRoles,
    requireSso: data.requireSso,
    breakGlassUserId: data.breakGlassUserId,
    updatedAt: now,
  };
  db.transaction((tx) => {
    if (before) {
      tx.update(identityProviders).set({ ...values, ...(secret ? { clientSecret: sealSecret(secret) } : {}) }).where(eq(identityProviders.id, id)).run();
      tx.delete(identityProviderDomains).where(eq(identityProviderDomains.providerId, id)).run();
    } else {
      tx.insert(identityProviders).values({ id, tenantId, ...values, clientSecret: sealSecret(secret!), createdAt: now }).run();
    }
    tx.insert(identityProviderDomains).values(data.domains.map((domain) => ({ domain, providerId: id, tenantId }))).run();
    const after = { ...values, domains: data.domains, updatedAt: undefined };
    const prior = before ? { issuer: before.issuer, clientId: before.clientId, defaultRole: before.defaultRole, groupsClaim: before.groupsClaim, groupRoles: before.groupRoles, requireSso: before.requireSso, breakGlassUserId: before.breakGlassUserId, domains: priorDomains } : null;
    audit(tx, actor, {
      action: before ? 'sso.update' : 'sso.configure',
      tenantId,
      targetType: TARGET,
      targetId: id,
      targetName: data.issuer,
      details: { before: prior, after, clientSecretChanged: !!secret },
    });
  });
  clearDiscoveryCache();
  return toDto(db, db.select().from(identityProviders).where(eq(identityProviders.id, id)).get()!);
}

export function deleteSsoConfig(db: DB, actor: Actor, tenantId: string): void {
  authorize(db, actor, 'tenants:manage', { type: 'tenant', id: tenantId });
  findTenant(db, tenantId);
  const row = db.select().from(identityProviders).where(eq(identityProviders.tenantId, tenantId)).get();
  if (!row) throw new NotFoundError('single sign-on configuration', tenantId);
  db.transaction((tx) => {
    tx.delete(identityProviders).where(eq(identityProviders.id, row.id)).run();
    audit(tx, actor, { action: 'sso.remove', tenantId, targetType: TARGET, targetId: row.id, targetName: row.issuer, details: { issuer: row.issuer } });
  });
  clearDiscoveryCache();
}

export type SsoTestResult = { ok: true; provider: DiscoveredProvider } | { ok: false; problem: string; code: DiscoveryError['code'] };

/** Test connection: fetches the issuer's discovery document (not cached) and checks it names that issuer. */
export async function testSsoConnection(db: DB, actor: Actor, tenantId: string, input: unknown): Promise<SsoTestResult> {
  authorize(db, actor, 'tenants:manage', { type: 'tenant', id: tenantId });
  findTenant(db, tenantId);
  const { issuer } = parseBody(ssoTestSchema, input);
  try {
    return { ok: true, provider: await discover(issuer, { fresh: true }) };
  } catch (error) {
    if (error instanceof DiscoveryError) return { ok: false, problem: error.message, code: error.code };
    throw error;
  }
}
