import { z } from 'zod';
import type { Role } from './users';

/**
 * What the portal tells people about (issue 16). One event is recorded in the transactional
 * outbox (`outbox_events`) by the change that causes it; e-mail deliveries fan out from it.
 */
export const NOTIFICATION_EVENT_TYPES = [
  'rpo.warning', 'rpo.breach', 'rpo.recovered', 'journal.history-short',
  'site.down', 'site.up', 'link.down', 'link.up',
  'operation.started', 'operation.awaiting-decision', 'operation.finished', 'operation.failed',
  'run.started', 'run.awaiting-decision', 'run.finished', 'run.failed',
  'test.overdue', 'test.due-soon',
  'request.created', 'request.updated',
  'maintenance.announced', 'maintenance.tomorrow',
  'signin.new-device', 'account.password-changed', 'account.2fa-changed', 'token.created',
  'webhook.disabled',
  'drill.failed', 'drill.skipped',
  'approval.requested', 'approval.decided', 'approval.break-glass',
  'site.degraded',
  'backup.failed',
] as const;
export const notificationEventTypeSchema = z.enum(NOTIFICATION_EVENT_TYPES, { error: 'Unknown notification event type.' });
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

export const DELIVERY_CHANNELS = ['email'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Events about one person's own account: sent to that person only (payload.userId), never by role. */
/** Events about the portal itself (its own backups): recorded without a tenant, for provider staff only. */
export const PORTAL_EVENT_TYPES: readonly NotificationEventType[] = ['backup.failed'];

export const PERSONAL_EVENT_TYPES: readonly NotificationEventType[] = ['signin.new-device', 'account.password-changed', 'account.2fa-changed', 'token.created'];

/**
 * Events about the provider's shared estate (sites, links, maintenance). Staff receive them
 * through the provider's tenant-less event; the per-tenant copies of the same happening go to
 * the tenants' people only, so staff are not told once per tenant. `webhook.disabled` follows
 * the same rule: a tenant's endpoint tells that tenant's administrators, a provider endpoint
 * (no tenant) tells staff.
 */
export const PROVIDER_WIDE_EVENT_TYPES: readonly NotificationEventType[] = ['site.down', 'site.up', 'link.down', 'link.up', 'maintenance.announced', 'maintenance.tomorrow', 'webhook.disabled', 'site.degraded'];

const ALL_TENANT_EVENTS = NOTIFICATION_EVENT_TYPES.filter((t) => !PERSONAL_EVENT_TYPES.includes(t) && !PORTAL_EVENT_TYPES.includes(t));

/**
 * Default e-mail preferences per role: which event types a person of that role receives.
 * Client roles receive their own tenant's events; staff receive events of every tenant (and the
 * provider's own, tenant-less ones). Each person may differ per type (notification_preferences,
 * lib/schemas/notification-preferences.ts): these are what they get until they choose.
 * - client_admin: everything of their tenant.
 * - user: RPO breaches, site down, finished or failed operations and runs, overdue tests.
 * - staff: site, link, maintenance and service-request events, and every tenant's failures.
 */
export const DEFAULT_EMAIL_PREFERENCES: Record<Role, readonly NotificationEventType[]> = {
  client_admin: ALL_TENANT_EVENTS,
  user: ['rpo.breach', 'site.down', 'operation.finished', 'operation.failed', 'run.finished', 'run.failed', 'test.overdue'],
  staff: [
    'site.down', 'site.up', 'link.down', 'link.up', 'maintenance.announced', 'maintenance.tomorrow',
    'request.created', 'request.updated', 'operation.failed', 'run.failed',
    'webhook.disabled',
    'site.degraded',
    'backup.failed',
  ],
};

export function roleReceives(role: Role, type: NotificationEventType): boolean {
  return DEFAULT_EMAIL_PREFERENCES[role].includes(type);
}

/** GET /api/v1/admin/mail: the offline mailer's outbox, newest first. */
export const listSentMailQuerySchema = z.object({
  limit: z.coerce.number({ error: 'limit must be a number.' }).int({ error: 'limit must be a whole number.' }).min(1, { error: 'limit must be at least 1.' }).max(200, { error: 'limit must be at most 200.' }).default(50),
});
export type ListSentMailQuery = z.infer<typeof listSentMailQuerySchema>;

/** A short title per event type: the subject of a single message and a digest's line heading. */
export const EVENT_TITLE: Record<NotificationEventType, string> = {
  'rpo.warning': 'RPO warning',
  'rpo.breach': 'RPO breached',
  'rpo.recovered': 'RPO met again',
  'journal.history-short': 'Journal history shorter than configured',
  'site.down': 'Site down',
  'site.up': 'Site back up',
  'link.down': 'Site link down',
  'link.up': 'Site link back up',
  'operation.started': 'Operation started',
  'operation.awaiting-decision': 'Operation awaiting your decision',
  'operation.finished': 'Operation finished',
  'operation.failed': 'Operation failed',
  'run.started': 'Recovery run started',
  'run.awaiting-decision': 'Recovery run awaiting your decision',
  'run.finished': 'Recovery run finished',
  'run.failed': 'Recovery run failed',
  'test.overdue': 'Failover test overdue',
  'test.due-soon': 'Failover test due soon',
  'request.created': 'Service request opened',
  'request.updated': 'Service request updated',
  'maintenance.announced': 'Maintenance announced',
  'maintenance.tomorrow': 'Maintenance tomorrow',
  'signin.new-device': 'New sign-in to your account',
  'account.password-changed': 'Your password was changed',
  'account.2fa-changed': 'Your two-factor authentication changed',
  'token.created': 'An API token was created',
  'webhook.disabled': 'Webhook endpoint disabled',
  'drill.failed': 'Scheduled test failover failed',
  'drill.skipped': 'Scheduled test failover skipped',
  'approval.requested': 'Approval requested',
  'approval.decided': 'Approval decided',
  'approval.break-glass': 'Started without approval (break glass)',
  'site.degraded': 'Site degraded',
  'backup.failed': 'Portal backup failed',
};
