import { z } from 'zod';
import {
  NOTIFICATION_EVENT_TYPES, PERSONAL_EVENT_TYPES, PORTAL_EVENT_TYPES, PROVIDER_WIDE_EVENT_TYPES, roleReceives, type NotificationEventType,
} from './notifications';
import type { Role } from './users';

/*
 * Per-user e-mail preferences (issue 16). A person's choice for an event type overrides their
 * role's default (DEFAULT_EMAIL_PREFERENCES), within the types offered to the role. Personal
 * security events (PERSONAL_EVENT_TYPES: new sign-in, password, 2FA, API token) are always sent
 * to the person concerned and shown locked on: nobody can silence "your password was changed".
 */

/** Client administrators: every event of their tenant (the tenant's copies of site, link and maintenance events included). */
const CLIENT_OFFERED: readonly NotificationEventType[] = NOTIFICATION_EVENT_TYPES.filter((t) => !PERSONAL_EVENT_TYPES.includes(t) && !PORTAL_EVENT_TYPES.includes(t));
/** Users: the same but a disabled webhook endpoint, which only administrators can fix. */
const USER_OFFERED: readonly NotificationEventType[] = CLIENT_OFFERED.filter((t) => t !== 'webhook.disabled');

/**
 * Staff: the provider's own (tenant-less) site, link and maintenance events, and the cross-tenant
 * events worth a provider's attention: service requests, every tenant's operations and recovery
 * runs, RPO breaches and overdue tests. A tenant's routine RPO warnings, recoveries, journal
 * history and due-soon tests are its own business (the staff overview shows them), not offered.
 */
const STAFF_OFFERED: readonly NotificationEventType[] = [
  ...PROVIDER_WIDE_EVENT_TYPES,
  'request.created', 'request.updated',
  'operation.started', 'operation.awaiting-decision', 'operation.finished', 'operation.failed',
  'run.started', 'run.awaiting-decision', 'run.finished', 'run.failed',
  'rpo.breach', 'test.overdue',
  ...PORTAL_EVENT_TYPES,
];

/** The event types a role may choose to receive or not (personal events excluded: they are locked on). */
export const OFFERED_EVENT_TYPES: Record<Role, readonly NotificationEventType[]> = {
  client_admin: CLIENT_OFFERED,
  user: USER_OFFERED,
  staff: STAFF_OFFERED,
};

export function isOffered(role: Role, type: NotificationEventType): boolean {
  return OFFERED_EVENT_TYPES[role].includes(type);
}

export function isLocked(type: NotificationEventType): boolean {
  return PERSONAL_EVENT_TYPES.includes(type);
}

/**
 * Whether a person of `role` is e-mailed about `type`, given their stored choice (undefined: none).
 * Personal events: always (to the person concerned). A type not offered to the role: never,
 * whatever an old row says (it may date from another role). Otherwise the choice, else the default.
 */
export function emailWanted(role: Role, type: NotificationEventType, choice: boolean | null | undefined): boolean {
  if (isLocked(type)) return true;
  if (!isOffered(role, type)) return false;
  return choice ?? roleReceives(role, type);
}

/** The settings table's groups, in order; every event type is in exactly one. */
export const EVENT_GROUPS: readonly { id: string; label: string; types: readonly NotificationEventType[] }[] = [
  { id: 'replication', label: 'Replication', types: ['rpo.warning', 'rpo.breach', 'rpo.recovered', 'journal.history-short'] },
  { id: 'sites', label: 'Sites', types: ['site.down', 'site.up', 'link.down', 'link.up', 'site.degraded'] },
  { id: 'operations', label: 'Operations & runs', types: ['operation.started', 'operation.awaiting-decision', 'operation.finished', 'operation.failed', 'run.started', 'run.awaiting-decision', 'run.finished', 'run.failed'] },
  { id: 'tests', label: 'Tests', types: ['test.overdue', 'test.due-soon', 'drill.failed', 'drill.skipped'] },
  { id: 'requests', label: 'Requests', types: ['request.created', 'request.updated'] },
  { id: 'maintenance', label: 'Maintenance', types: ['maintenance.announced', 'maintenance.tomorrow'] },
  { id: 'approvals', label: 'Approvals', types: ['approval.requested', 'approval.decided', 'approval.break-glass'] },
  { id: 'integrations', label: 'Webhooks', types: ['webhook.disabled'] },
  { id: 'portal', label: 'Portal backups', types: PORTAL_EVENT_TYPES },
  { id: 'security', label: 'Account security', types: PERSONAL_EVENT_TYPES },
];

export function groupOf(type: NotificationEventType): string {
  return EVENT_GROUPS.find((g) => g.types.includes(type))!.id;
}

/** The types shown to a role, in group order: the offered ones, then the locked personal ones. */
export function preferenceEventTypes(role: Role): NotificationEventType[] {
  return EVENT_GROUPS.flatMap((g) => g.types.filter((t) => isOffered(role, t) || isLocked(t)));
}

const KNOWN = new Set<string>(NOTIFICATION_EVENT_TYPES);

/**
 * PUT /api/v1/me/notification-preferences and the Settings form's server action: the types to
 * change and whether to e-mail each. Unknown types are refused naming the field (email.<type>);
 * whether a known type is offered to the caller's role is checked by the use case.
 */
export const notificationPreferencesUpdateSchema = z.object({
  email: z
    .record(z.string(), z.boolean({ error: 'Must be true or false.' }), { error: 'email must map event types to true or false.' })
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value)) {
        if (!KNOWN.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: `Unknown notification event type "${key}".` });
      }
    }),
});
export type NotificationPreferencesUpdate = z.infer<typeof notificationPreferencesUpdateSchema>;
