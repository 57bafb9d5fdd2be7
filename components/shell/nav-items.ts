import type { Role } from '@/lib/schemas/users';
import { can } from '@/lib/auth/policy';
import type { IconName } from '@/components/ui/icons';

export type NavItem = {
  href: string;
  label: string;
  icon: IconName;
  /** Active only on this exact path (section roots like `/` and `/staff`). */
  exact?: boolean;
};

/** The client portal's sections; hiding Audit log for `user` is a courtesy, lib/domain enforces it. */
export function portalNav(role: Role): NavItem[] {
  const items: (NavItem | false)[] = [
    { href: '/', label: 'Dashboard', icon: 'dashboard', exact: true },
    { href: '/groups', label: 'Protection groups', icon: 'shield' },
    { href: '/vms', label: 'Virtual machines', icon: 'server' },
    { href: '/operations', label: 'Operations', icon: 'activity' },
    // Runs, and under /recovery/plans the saved multi-group plans: one entry, its page links both.
    { href: '/recovery', label: 'Recovery', icon: 'switch' },
    { href: '/test-schedules', label: 'Test schedules', icon: 'flask' },
    // Four-eyes approval requests of live failovers (issue 17).
    { href: '/approvals', label: 'Approvals', icon: 'check' },
    { href: '/what-if', label: 'What if', icon: 'hourglass' },
    { href: '/alerts', label: 'Alerts', icon: 'bell' },
    { href: '/reports', label: 'Reports', icon: 'report' },
    can(role, 'resources:read') && { href: '/resources', label: 'Resources', icon: 'building' },
    { href: '/requests', label: 'Service requests', icon: 'ticket' },
    can(role, 'audit:read') && { href: '/audit', label: 'Audit log', icon: 'audit' },
    { href: '/api-reference', label: 'API reference', icon: 'code' },
    { href: '/settings', label: 'Settings', icon: 'settings' },
  ];
  return items.filter((i): i is NavItem => Boolean(i));
}

/** The provider console's sections, all under /staff. */
export const STAFF_NAV: NavItem[] = [
  { href: '/staff', label: 'Overview', icon: 'dashboard', exact: true },
  { href: '/staff/tenants', label: 'Tenants', icon: 'building' },
  { href: '/staff/pricing', label: 'Pricing', icon: 'tag' },
  { href: '/staff/sites', label: 'Sites and faults', icon: 'globe' },
  { href: '/staff/maintenance', label: 'Maintenance', icon: 'wrench' },
  { href: '/staff/requests', label: 'Service requests', icon: 'ticket' },
  { href: '/staff/sla', label: 'SLA and credits', icon: 'scale' },
  { href: '/staff/audit', label: 'Audit log', icon: 'audit' },
  { href: '/staff/mail', label: 'Sent mail', icon: 'inbox' },
  { href: '/staff/webhooks', label: 'Webhooks', icon: 'code' },
  { href: '/staff/backups', label: 'Backups', icon: 'server' },
  { href: '/staff/account', label: 'Your account', icon: 'settings' },
];
