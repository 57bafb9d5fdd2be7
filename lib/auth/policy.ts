import type { Role } from '@/lib/schemas/users';

/**
 * Who may do what. One table, read by lib/domain before every action; the UI uses it only
 * to hide controls (a courtesy, not a control).
 */
export const PERMISSIONS = {
  // reads of the actor's own tenant
  'tenant:read': ['user', 'client_admin', 'staff'],
  'audit:read': ['client_admin', 'staff'],
  // client administration of DR
  'group:write': ['client_admin', 'staff'],
  'checkpoint:tag': ['client_admin', 'staff'],
  'operation:run': ['client_admin', 'staff'],
  'alert:ack': ['client_admin', 'staff'],
  'users:manage': ['client_admin', 'staff'],
  'tokens:manage': ['user', 'client_admin', 'staff'],
  'request:create': ['client_admin', 'staff'],
  'webhooks:manage': ['client_admin', 'staff'],
  // four-eyes approval: the tenant's setting is its administrators' alone; staff decide only where the tenant allows it
  'tenant-settings:manage': ['client_admin'],
  'approvals:decide': ['client_admin', 'staff'],
  'resources:read': ['client_admin', 'staff'],
  // provider staff only
  'tenants:manage': ['staff'],
  'sites:manage': ['staff'],
  'maintenance:manage': ['staff'],
  'requests:work': ['staff'],
  'sla:all': ['staff'],
  'metrics:read': ['staff'],
  // the provider's own accounts (list; another staff member's password reset)
  'staff:manage': ['staff'],
  // backups of the portal's own database (list, back up now)
  'backups:manage': ['staff'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
