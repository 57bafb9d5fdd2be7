import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@/lib/schemas/users';
import { can, PERMISSIONS, type Permission } from './policy';

/*
 * The permission table as the product promises it (shared/API.md, DESIGN.md): client users
 * only look (and keep their own API tokens); client administrators act within their tenant;
 * provider staff run everything. Written out in full, not derived from the table, so that a
 * role silently gaining or losing a permission fails here by name.
 */
const EXPECTED: Record<Role, readonly Permission[]> = {
  user: ['tenant:read', 'tokens:manage'],
  client_admin: [
    'tenant:read',
    'audit:read',
    'group:write',
    'checkpoint:tag',
    'operation:run',
    'alert:ack',
    'users:manage',
    'tokens:manage',
    'request:create',
    'webhooks:manage',
    'tenant-settings:manage',
    'approvals:decide',
    'resources:read',
  ],
  // Everything but the tenant's own settings (four-eyes approval is its administrators' choice).
  staff: (Object.keys(PERMISSIONS) as Permission[]).filter((p) => p !== 'tenant-settings:manage'),
};

const STAFF_ONLY: Permission[] = ['tenants:manage', 'sites:manage', 'maintenance:manage', 'requests:work', 'sla:all', 'metrics:read', 'staff:manage', 'backups:manage'];

describe('permission table', () => {
  for (const role of ROLES) {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      const allowed = EXPECTED[role].includes(permission);
      it(`${role} ${allowed ? 'may' : 'may not'} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }

  it('lists exactly the permissions the product knows (a new one must be placed in the matrix above)', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...EXPECTED.client_admin, ...STAFF_ONLY].sort());
  });

  it('grants the provider-only permissions to staff alone', () => {
    for (const permission of STAFF_ONLY) expect(PERMISSIONS[permission]).toEqual(['staff']);
  });

  it('refuses a role that does not exist (a forged or stale session)', () => {
    expect(can('root' as Role, 'tenant:read')).toBe(false);
  });
});
