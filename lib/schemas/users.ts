import { z } from 'zod';
import { jsonBoolean, tenantFilterSchema } from './common';
import { displayText, idField } from './fields';

export const ROLES = ['user', 'client_admin', 'staff'] as const;
export type Role = (typeof ROLES)[number];

/**
 * A tenant's users, managed by its client administrators (Settings, /api/v1/users). Staff are
 * never created or promoted here: the provider's own accounts live outside any tenant.
 */
export const TENANT_ROLES = ['user', 'client_admin'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

const tenantRole = z.enum(TENANT_ROLES, { error: 'Role must be user or client_admin.' });

// Emails compare case-insensitively (sign-in lower-cases too): store them lower-case.
const email = z
  .string({ error: 'Email must be text.' })
  .trim()
  .toLowerCase()
  .min(1, { error: 'Email is required.' })
  .max(254, { error: 'Email must be at most 254 characters.' })
  .pipe(z.email({ error: 'Enter a valid email address, e.g. jo@example.com.' }));

/** GET /users: staff name the tenant (client roles are pinned to theirs). */
export const listUsersQuerySchema = tenantFilterSchema;

/** POST /users. `tenantId` only for staff not acting for a tenant. */
export const inviteUserSchema = z.object({
  name: displayText('Name', 1, 120),
  email,
  role: tenantRole.optional().default('user'),
  tenantId: idField('tenantId').optional(),
});
export type InviteUserInput = z.input<typeof inviteUserSchema>;

/** PATCH /users/{id}: a new role, disabling or re-enabling; at least one of them. */
export const updateUserSchema = z
  .object({
    role: tenantRole.optional(),
    disabled: jsonBoolean('disabled').optional(),
  })
  .refine((u) => u.role !== undefined || u.disabled !== undefined, { error: 'Send role or disabled (or both).', path: ['role'] });
export type UpdateUserInput = z.input<typeof updateUserSchema>;
