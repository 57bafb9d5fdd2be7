import 'server-only';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { identityProviderDomains, identityProviders, tenants, users } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { hashPassword } from '@/lib/auth/password';
import type { VerifiedUser } from '@/lib/auth/credentials';
import { newId } from '@/lib/ids';
import { openSecret } from '@/lib/domain/notifications/secret-box';
import { SSO_PROVIDER_PREFIX, ssoProviderId } from '@/lib/schemas/sso';
import type { TenantRole } from '@/lib/schemas/users';

/**
 * Single sign-on at sign-in time (issue 19). The ID token has been validated by openid-client
 * (inside next-auth) before any of this runs; here the portal decides whether the verified
 * identity may enter, and as whom: the email's domain must be one the provider's tenant owns,
 * the email verified, the user not disabled, the tenant not suspended. A user signing in for the
 * first time is created in that tenant (audited); with a group mapping, the role follows the
 * groups at every sign-in.
 */

export type SsoRefusalCode =
  | 'sso-unavailable'
  | 'sso-email-missing'
  | 'sso-email-unverified'
  | 'sso-domain-refused'
  | 'sso-account-elsewhere'
  | 'account-disabled'
  | 'tenant-suspended';

export class SsoRefusal extends Error {
  constructor(readonly code: SsoRefusalCode) {
    super(code);
  }
}

/** What the validated ID token (and userinfo) say. */
export type SsoClaims = Record<string, unknown> & { sub?: unknown; email?: unknown; email_verified?: unknown; name?: unknown };

/** The configured providers as next-auth needs them (secret opened). */
export type SsoProviderConfig = { providerId: string; identityProviderId: string; issuer: string; clientId: string; clientSecret: string; groupsClaim: string };

export function ssoProviderConfigs(db: DB, onlyProviderId?: string): SsoProviderConfig[] {
  const rows = db.select().from(identityProviders).all();
  const out: SsoProviderConfig[] = [];
  for (const row of rows) {
    const providerId = ssoProviderId(row.id);
    if (onlyProviderId && providerId !== onlyProviderId) continue;
    let clientSecret: string;
    try {
      clientSecret = openSecret(row.clientSecret);
    } catch (error) {
      console.error(`Single sign-on ${providerId}: ${(error as Error).message}`);
      continue;
    }
    out.push({ providerId, identityProviderId: row.id, issuer: row.issuer, clientId: row.clientId, clientSecret, groupsClaim: row.groupsClaim });
  }
  return out;
}

export function emailDomainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

/**
 * The provider id to send an email's owner to, or null. Answers only whether the domain signs in
 * with single sign-on: the provider id is random and names no tenant.
 */
export function ssoProviderForEmail(db: DB, email: string): string | null {
  const domain = emailDomainOf(email);
  if (!domain) return null;
  const row = db.select({ providerId: identityProviderDomains.providerId }).from(identityProviderDomains).where(eq(identityProviderDomains.domain, domain)).get();
  return row ? ssoProviderId(row.providerId) : null;
}

/** The role the groups give: client_admin if any mapped group says so, else user if any says user, else null. */
export function roleFromGroups(mapping: { group: string; role: TenantRole }[], groups: string[]): TenantRole | null {
  const have = new Set(groups);
  const matched = mapping.filter((m) => have.has(m.group)).map((m) => m.role);
  if (matched.includes('client_admin')) return 'client_admin';
  if (matched.includes('user')) return 'user';
  return null;
}

export function groupsOfClaims(claims: SsoClaims, claim: string): string[] {
  const v = claims[claim];
  if (Array.isArray(v)) return v.filter((g): g is string => typeof g === 'string');
  if (typeof v === 'string' && v) return [v];
  return [];
}

type Ctx = { sourceIp?: string | null };

/**
 * Admits (or refuses, with a code the login page words) a verified identity coming from the
 * provider `providerId`. Every refusal is audited as a failed sign-in.
 */
export async function completeSsoSignIn(db: DB, providerId: string, claims: SsoClaims, ctx: Ctx = {}): Promise<VerifiedUser> {
  const rawEmail = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  const idp = providerId.startsWith(SSO_PROVIDER_PREFIX)
    ? db.select().from(identityProviders).where(eq(identityProviders.id, providerId.slice(SSO_PROVIDER_PREFIX.length))).get()
    : undefined;
  const refuse = (code: SsoRefusalCode, userId?: string): never => {
    audit(db, null, {
      action: 'auth.sign-in-failed',
      outcome: 'failed',
      tenantId: idp?.tenantId ?? null,
      targetType: userId ? 'user' : undefined,
      targetId: userId,
      sourceIp: ctx.sourceIp ?? null,
      details: { email: rawEmail || null, reason: code, channel: 'sso', issuer: idp?.issuer ?? null },
    });
    throw new SsoRefusal(code);
  };
  if (!idp) return refuse('sso-unavailable');
  if (!rawEmail || !rawEmail.includes('@')) return refuse('sso-email-missing');
  // An unverified email proves nothing about who owns the mailbox: no account takeover by claim.
  if (claims.email_verified !== true && claims.email_verified !== 'true') return refuse('sso-email-unverified');
  const domain = emailDomainOf(rawEmail);
  const owner = db.select({ tenantId: identityProviderDomains.tenantId }).from(identityProviderDomains).where(eq(identityProviderDomains.domain, domain)).get();
  if (!owner || owner.tenantId !== idp.tenantId) return refuse('sso-domain-refused');
  const tenant = db.select({ status: tenants.status }).from(tenants).where(eq(tenants.id, idp.tenantId)).get();
  if (!tenant || tenant.status === 'suspended') return refuse('tenant-suspended');

  const groups = groupsOfClaims(claims, idp.groupsClaim);
  const mapped = idp.groupRoles.length ? roleFromGroups(idp.groupRoles, groups) : null;
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 120) : rawEmail;
  const existing = db.select().from(users).where(eq(users.email, rawEmail)).get();
  if (existing && existing.tenantId !== idp.tenantId) return refuse('sso-account-elsewhere', existing.id);
  if (existing?.disabledAt) return refuse('account-disabled', existing.id);

  // Hashed outside the transaction (argon2 is async): a random password nobody knows.
  const unusablePassword = existing ? null : await hashPassword(randomBytes(32).toString('base64url'));
  const now = new Date();
  const user = db.transaction((tx) => {
    if (!existing) {
      const id = newId('usr');
      const role: TenantRole = mapped ?? idp.defaultRole;
      tx.insert(users).values({ id, tenantId: idp.tenantId, email: rawEmail, name, role, passwordHash: unusablePassword!, createdAt: now, lastSignInAt: now }).run();
      const actor: Actor = { userId: id, email: rawEmail, role, tenantId: idp.tenantId, via: 'session', sourceIp: ctx.sourceIp ?? undefined };
      audit(tx, actor, { action: 'user.sso-provisioned', tenantId: idp.tenantId, targetType: 'user', targetId: id, details: { after: { email: rawEmail, name, role }, issuer: idp.issuer, groups, roleFrom: mapped ? 'groups' : 'default' } });
      return { id, email: rawEmail, name, role, tenantId: idp.tenantId } satisfies VerifiedUser;
    }
    // Staff are never tenant users (refused above: their tenantId is null); a break-glass
    // administrator keeps the role staff gave it.
    let role = existing.role;
    if (mapped && mapped !== existing.role && existing.role !== 'staff' && existing.id !== idp.breakGlassUserId) {
      role = mapped;
      tx.update(users).set({ role }).where(eq(users.id, existing.id)).run();
      audit(tx, null, { action: 'user.role-change', tenantId: idp.tenantId, targetType: 'user', targetId: existing.id, details: { email: existing.email, before: { role: existing.role }, after: { role }, via: 'sso-groups', groups } });
    }
    tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, existing.id)).run();
    return { id: existing.id, email: existing.email, name: existing.name, role, tenantId: existing.tenantId } satisfies VerifiedUser;
  });
  const actor: Actor = { userId: user.id, email: user.email, role: user.role, tenantId: user.tenantId, via: 'session', sourceIp: ctx.sourceIp ?? undefined };
  audit(db, actor, { action: 'auth.sign-in', targetType: 'user', targetId: user.id, details: { method: 'sso', issuer: idp.issuer } });
  return user;
}
