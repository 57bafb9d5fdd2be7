import { pgTable, text, json, index } from 'drizzle-orm/pg-core';
import { flag, timestamp } from './columns';
import { tenants } from './tenants';
import { users } from './users';
import { TENANT_ROLES } from '../../../lib/schemas/users';

/**
 * Single sign-on (issue 19): one OpenID Connect identity provider per tenant, configured by
 * staff. The client secret is sealed at rest (AES-256-GCM, secret-box.ts). next-auth offers it
 * as the provider `sso-<id>` (the id is random, so the provider id names no tenant).
 */
export const identityProviders = pgTable('identity_providers', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull().unique().references(() => tenants.id, { onDelete: 'cascade' }),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  /** Sealed (`v1:` …), never returned by the API. */
  clientSecret: text('client_secret').notNull(),
  /** The role of a user created at first sign-in when no group mapping matches. */
  defaultRole: text('default_role', { enum: TENANT_ROLES }).notNull().default('user'),
  /** The ID-token / userinfo claim holding the user's groups. */
  groupsClaim: text('groups_claim').notNull().default('groups'),
  /** Group → role; when non-empty the role is re-evaluated at every sign-in. */
  groupRoles: json('group_roles').$type<{ group: string; role: (typeof TENANT_ROLES)[number] }[]>().notNull(),
  /** Password sign-in is refused for everyone of the tenant but the break-glass administrator. */
  requireSso: flag('require_sso').notNull().default(false),
  breakGlassUserId: text('break_glass_user_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

/** The email domains a provider owns: a domain belongs to one tenant (primary key). */
export const identityProviderDomains = pgTable(
  'identity_provider_domains',
  {
    domain: text('domain').primaryKey(),
    providerId: text('provider_id').notNull().references(() => identityProviders.id, { onDelete: 'cascade' }),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
  },
  (t) => [index('identity_provider_domains_provider_idx').on(t.providerId)],
);
