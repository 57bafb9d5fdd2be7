import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { flag, timestamp } from './columns';
import { tenants } from './tenants';
import { ROLES } from '../../../lib/schemas/users';

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Null for provider staff, who belong to no tenant. */
    tenantId: text('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    totpSecret: text('totp_secret'),
    totpEnabled: flag('totp_enabled').notNull().default(false),
    disabledAt: timestamp('disabled_at'),
    createdAt: timestamp('created_at').notNull(),
    lastSignInAt: timestamp('last_sign_in_at'),
    /** Sessions that signed in before this are over (a changed password signs everyone out). */
    passwordChangedAt: timestamp('password_changed_at'),
    /** The password is one an administrator was shown (invite, reset) until its owner replaces it. */
    mustChangePassword: flag('must_change_password').notNull().default(false),
    /** Put into the session JWT at sign-in; sign-out, "sign out everywhere" and an administrator's changes bump it, ending every session. */
    sessionVersion: integer('session_version').notNull().default(0),
  },
  (t) => [index('users_tenant_idx').on(t.tenantId)],
);

/** Bearer tokens for the API. Only a SHA-256 of the secret is stored. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** First characters of the token, shown in lists to recognise it. */
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    revokedAt: timestamp('revoked_at'),
    lastUsedAt: timestamp('last_used_at'),
    /** `read`: safe requests only (GET, HEAD); `full`: whatever the owner's role may do. */
    scope: text('scope', { enum: ['read', 'full'] }).notNull().default('full'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);
