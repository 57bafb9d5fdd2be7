import { z } from 'zod';
import { jsonBoolean } from './common';
import { idField } from './fields';
import { TENANT_ROLES } from './users';

/**
 * Single sign-on (issue 19): a tenant's OpenID Connect identity provider, as staff configure it
 * (PUT /api/v1/admin/tenants/{id}/sso and the SSO card of the staff console, which validates with
 * this same schema before sending).
 */

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https, or http on this machine only (a development or test provider). No query, no fragment. */
export const issuerField = z
  .string({ error: 'Issuer URL must be text.' })
  .trim()
  .max(500, { error: 'Issuer URL must be at most 500 characters.' })
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        if (u.search || u.hash || u.username || u.password) return false;
        return u.protocol === 'https:' || (u.protocol === 'http:' && LOCAL_HOSTS.has(u.hostname));
      } catch {
        return false;
      }
    },
    { error: 'Issuer URL must be an https:// URL (http:// only for localhost) without query or fragment, e.g. https://login.example.com/realms/acme.' },
  )
  // The issuer is compared with the discovery document's character for character, bar a trailing slash.
  .transform((v) => v.replace(/\/+$/, ''));

const DOMAIN = /^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const emailDomainField = z
  .string({ error: 'Each domain must be text.' })
  .trim()
  .toLowerCase()
  .regex(DOMAIN, { error: 'Each domain must be a domain name such as example.com (no @, no spaces).' });

const tenantRole = z.enum(TENANT_ROLES, { error: 'Role must be user or client_admin.' });

export const groupRoleSchema = z.object({
  group: z.string({ error: 'Group must be text.' }).trim().min(1, { error: 'Group must not be empty.' }).max(200, { error: 'Group must be at most 200 characters.' }),
  role: tenantRole,
});

export const ssoConfigSchema = z
  .object({
    issuer: issuerField,
    clientId: z.string({ error: 'Client id must be text.' }).trim().min(1, { error: 'Client id is required.' }).max(300, { error: 'Client id must be at most 300 characters.' }),
    /** Required when creating; left out (or empty) on an update keeps the stored one. */
    clientSecret: z.string({ error: 'Client secret must be text.' }).max(1000, { error: 'Client secret must be at most 1000 characters.' }).optional(),
    domains: z
      .array(emailDomainField, { error: 'Domains must be a list of domain names.' })
      .min(1, { error: 'Name at least one email domain.' })
      .max(50, { error: 'At most 50 domains.' })
      .refine((d) => new Set(d).size === d.length, { error: 'A domain is listed twice.' }),
    defaultRole: tenantRole.default('user'),
    groupsClaim: z
      .string({ error: 'Groups claim must be text.' })
      .trim()
      .regex(/^[A-Za-z0-9_.:/-]{1,100}$/, { error: 'Groups claim must be a claim name such as groups or roles.' })
      .default('groups'),
    groupRoles: z.array(groupRoleSchema, { error: 'Group mapping must be a list of { group, role }.' }).max(100, { error: 'At most 100 group mappings.' }).default([]),
    requireSso: jsonBoolean('Require SSO').default(false),
    breakGlassUserId: idField('breakGlassUserId').nullable().default(null),
  })
  .strict()
  .refine((c) => !c.requireSso || !!c.breakGlassUserId, { error: 'Choose a break-glass administrator before requiring single sign-on.', path: ['breakGlassUserId'] });

export type SsoConfigInput = z.input<typeof ssoConfigSchema>;
export type SsoConfig = z.output<typeof ssoConfigSchema>;

/** Test connection: fetch the discovery document of an issuer. */
export const ssoTestSchema = z.object({ issuer: issuerField }).strict();

/** GET /api/v1/auth/sso?email= */
export const ssoLookupSchema = z.object({
  email: z.string({ error: 'Email must be text.' }).trim().toLowerCase().max(320).email({ error: 'Enter a valid email address.' }),
});

/** The provider id next-auth knows a tenant's identity provider by. */
export const ssoProviderId = (identityProviderId: string) => `sso-${identityProviderId}`;
export const SSO_PROVIDER_PREFIX = 'sso-';
