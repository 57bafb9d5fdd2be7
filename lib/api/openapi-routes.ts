import type { z } from 'zod';
import { ssoConfigSchema, ssoLookupSchema, ssoTestSchema } from '@/lib/schemas/sso';
import { createTokenSchema, passwordChangeSchema, tokenRequestSchema, totpConfirmSchema, totpDisableSchema, totpBeginSchema, recoveryCodesRegenerateSchema } from '@/lib/auth/schemas';
import { listAlertsQuerySchema } from '@/lib/schemas/alerts';
import { auditPageSchema, listAuditQuerySchema } from '@/lib/schemas/audit';
import { listCheckpointsQuerySchema, tagCheckpointSchema } from '@/lib/schemas/checkpoints';
import { createGroupSchema, listGroupsQuerySchema, updateGroupSchema } from '@/lib/schemas/groups';
import { failoverSchema, listOperationsQuerySchema, moveSchema, preflightQuerySchema, rollbackSchema, stopTestSchema, testFailoverSchema } from '@/lib/schemas/operations';
import { tenantFilterSchema } from '@/lib/schemas/common';
import { recoveryPlanPatchSchema, recoveryPlanSchema } from '@/lib/schemas/recovery-runs';
import { recoveryReportQuerySchema, slaQuerySchema } from '@/lib/schemas/reports';
import { listRunsQuerySchema, startRunSchema, stopRunTestsSchema } from '@/lib/schemas/recovery-runs';
import { requestCommentSchema, requestCreateSchema, requestListSchema, requestUpdateSchema } from '@/lib/schemas/requests';
import { rpoQuerySchema } from '@/lib/schemas/rpo';
import { groupNetworksSchema, testConsoleQuerySchema } from '@/lib/schemas/network';
import { listSentMailQuerySchema } from '@/lib/schemas/notifications';
import { adminSlaQuerySchema, maintenanceCreateSchema, maintenanceListSchema, outageSchema, siteDegradeSchema, tenantCreateSchema, tenantUpdateSchema, vdcCreateSchema, vdcUpdateSchema } from '@/lib/schemas/staff';
import { inviteUserSchema, listUsersQuerySchema, updateUserSchema } from '@/lib/schemas/users';
import { listVmsQuerySchema } from '@/lib/schemas/vms';
import { whatIfQuerySchema } from '@/lib/schemas/recovery-runs';
import { createWebhookSchema, listDeliveriesQuerySchema, updateWebhookSchema } from '@/lib/schemas/webhooks';
import { notificationPreferencesUpdateSchema } from '@/lib/schemas/notification-preferences';
import { checkFaultSchema, testScheduleCreateSchema, testSchedulePatchSchema } from '@/lib/schemas/test-schedules';
import { approvalDecisionSchema, listApprovalsQuerySchema, tenantSettingsPatchSchema } from '@/lib/schemas/approvals';
import { resourcesQuerySchema, unitPricesSchema } from '@/lib/schemas/resources';

export type RoleName = 'anonymous' | 'user' | 'client_admin' | 'staff';

/** One documented endpoint. Schemas are the same zod objects the handlers validate with. */
export type RouteDoc = {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  tag: string;
  summary: string;
  roles: RoleName[];
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success body's shape, where it is documented field by field. */
  response?: z.ZodType;
  success: number;
  /** What the answer holds, where its fields need saying (the success response's description). */
  returns?: string;
};

const GROUP_FIELDS =
  'Each group carries lastTestedAt (when the last *passed* test failover ended; null when none passed — the annual test duty runs from it), ' +
  'lastTestResult (passed/failed: the outcome of the last test that ended, a test whose operation failed counting as failed; null when never tested) ' +
  'and lastTestEndedAt (when that last test ended).';

const PLAN_FIELDS =
  'A plan is { id, tenantId, name, description, tiers: [{ tier (1-based), delayAfterSeconds, groups: [{ id, name, sourceSiteId, targetSiteId, vmCount, rtoTargetMinutes }] }], groupCount, vmCount, updatedAt }. ' +
  'Tier 2 starts when the VMs of tier 1 are up, then after tier 1\'s delayAfterSeconds; inside a tier each group keeps its own boot order. ' +
  'Every group must be a group of the plan\'s tenant and appear once (400 naming tiers.<i>.groupIds.<j> otherwise). A group deleted since the plan was saved is left out of its tiers, and a tier it leaves empty.';

const WEBHOOK_FIELDS =
  'An endpoint is { id, tenantId (null: a provider endpoint, which receives every tenant\'s events), url, events, description, enabled, disabledReason, failingSince, createdBy, createdAt, ' +
  'lastDelivery: { id, eventType, status, statusCode, attemptedAt, trigger } | null }. Deliveries are Standard Webhooks signed POSTs (webhook-id, webhook-timestamp, webhook-signature) ' +
  'whose JSON body is { type, timestamp, data }; a failed one is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, the last at 24 h after the first; an endpoint failing for 24 h is disabled (disabledReason says why).';
const DELIVERY_FIELDS =
  'A delivery is one attempt: { id, endpointId, messageId (the webhook-id: the same for every attempt and redelivery of an event), eventType, trigger (event/test/redeliver), attempt, ' +
  'status (pending/delivered/failed/cancelled: cancelled when its endpoint was disabled, the reason in error), statusCode, latencyMs, error, nextAttemptAt (pending), createdAt, attemptedAt, deliveredAt, payload }.';

const PREFERENCE_FIELDS =
  '{ role, events: [{ type, title, group (replication/sites/operations/tests/requests/maintenance/security), email (e-mailed now), default (the role\'s default), locked (a personal security event: always on) }] }. ' +
  'Only choices that differ from the role\'s default are stored, so later changes of a default reach everyone who did not choose.';

const SCHEDULE_FIELDS =
  'A schedule is { id, tenantId, name, groups: [{ id, name }], planId, planName, cron, cronText (in words), durationMinutes, checkpoint (latest/latest-app), paused, nextRuns (the next 3, ISO), ' +
  'lastDrill, createdBy, createdAt }. A drill is { id, scheduleId, scheduleName, scheduledFor, startedAt, endsAt, finishedAt, status (running/finished), result (passed/failed/skipped), ' +
  'skipCode (site-down/maintenance/busy/missed/preflight/no-groups), reason, missedSlots, groups: [{ groupId, groupName, operationId, result, error }], checks: [{ vmId, vmName, checkId, kind, name, target, ok, detail, at, forced }] }. ' +
  'Each drill is a test failover per group started by the system (startedBy "system") that stops itself after durationMinutes with the result its application checks give.';

const APPROVAL_FIELDS =
  'A request is { id, tenantId, tenantName, kind (operation/run), type (failover/move/failback), groups: [{ id, name }], checkpoint: { choice (latest/checkpoint/point-in-time), checkpointId, time, kind }, options, planName, reason, ' +
  'status (pending/approved/rejected/expired/approved-failed), requestedBy, requestedByStaff, requestedAt, expiresAt (wall-clock time: the tenant\'s approvalTimeoutMinutes after the request), decidedBy, decidedAt, comment, operationId, runId, error (why an approved request could not start), mayDecide }.';
const NETWORK_FIELDS =
  '{ groupId, groupName, targetSiteId, testNetwork, liveNetwork, vms: [{ vmId, name, nics: [{ nic (index), network, ip, mac, test, live }] }], issues }; test and live are ' +
  '{ network, ip, prefix, gateway, dns, rule (keep-ip/subnet-map/override/unmapped) } or null. Overrides out of every target subnet, addresses a target subnet cannot hold and duplicate ' +
  'addresses (inside the group, against the tenant\'s other groups recovering to the same site and its VMs running there) are refused with 400, each error naming field (e.g. ' +
  'liveNetwork.overrides.0.ip or testNetwork.nics.<vmId>.<nic>), vmId and nic. The same checks apply to PATCH /groups/{id}.';

const ANY: RoleName[] = ['user', 'client_admin', 'staff'];
const ADMIN: RoleName[] = ['client_admin', 'staff'];
const STAFF: RoleName[] = ['staff'];

export const ROUTES: RouteDoc[] = [
  { method: 'post', path: '/api/v1/auth/token', tag: 'Authentication', summary: 'Exchange email, password (and OTP) for a bearer token (scope: full by default, or read; refused with 403 while the account must change its password)', roles: ['anonymous'], body: tokenRequestSchema, success: 201 },
  { method: 'delete', path: '/api/v1/auth/token', tag: 'Authentication', summary: 'Revoke the presented bearer token (read-scope tokens too)', roles: ANY, success: 204 },
  { method: 'get', path: '/api/v1/me', tag: 'Authentication', summary: 'The current user', roles: ANY, success: 200 },
  { method: 'post', path: '/api/v1/me/totp', tag: 'Authentication', summary: 'Begin two-factor enrolment (secret and otpauth URI); browser session only, with the password again', roles: ANY, body: totpBeginSchema, success: 201 },
  { method: 'put', path: '/api/v1/me/totp', tag: 'Authentication', summary: 'Confirm two-factor enrolment with a code: returns { totpEnabled, recoveryCodes } (ten one-time codes, shown once); browser session only', roles: ANY, body: totpConfirmSchema, success: 200 },
  { method: 'delete', path: '/api/v1/me/totp', tag: 'Authentication', summary: 'Disable two-factor authentication: the password and a current code or a recovery code; browser session only', roles: ANY, body: totpDisableSchema, success: 204 },
  { method: 'get', path: '/api/v1/me/totp/recovery-codes', tag: 'Authentication', summary: 'Whether two-factor is on and how many recovery codes are left: { totpEnabled, recoveryCodesLeft }', roles: ANY, success: 200 },
  { method: 'post', path: '/api/v1/me/totp/recovery-codes', tag: 'Authentication', summary: 'Ten new recovery codes (the old ones stop working), shown once: { recoveryCodes }; needs a current code; browser session only', roles: ANY, body: recoveryCodesRegenerateSchema, success: 201 },
  { method: 'put', path: '/api/v1/me/password', tag: 'Authentication', summary: 'Change your password (current one required; signs out every session, this one included; sessions only)', roles: ANY, body: passwordChangeSchema, success: 200 },
  { method: 'post', path: '/api/v1/me/sessions/revoke', tag: 'Authentication', summary: 'Sign out everywhere: every browser session of yours ends, this one included (API tokens are not affected)', roles: ANY, success: 204 },
  { method: 'get', path: '/api/v1/tokens', tag: 'Authentication', summary: 'API tokens you can manage, with their scope (read or full)', roles: ANY, success: 200 },
  { method: 'post', path: '/api/v1/tokens', tag: 'Authentication', summary: 'Create an API token (the secret is shown once): scope read (default, GET and HEAD only) or full; expiresInDays at most 90; 403 while the account must change its password', roles: ANY, body: createTokenSchema, success: 201 },
  { method: 'delete', path: '/api/v1/tokens/{id}', tag: 'Authentication', summary: 'Revoke an API token', roles: ANY, success: 204 },
  { method: 'get', path: '/api/v1/users', tag: 'Users', summary: "Your organisation's users (staff: act for a tenant or pass tenantId)", roles: ADMIN, query: listUsersQuerySchema, success: 200 },
  { method: 'post', path: '/api/v1/users', tag: 'Users', summary: 'Invite a user: returns { user, initialPassword }, the password shown once (409 when the email is taken in your organisation; an email of an account you cannot see is answered like a free one and nothing is created)', roles: ADMIN, body: inviteUserSchema, success: 201 },
  { method: 'patch', path: '/api/v1/users/{id}', tag: 'Users', summary: 'Change role, disable (revokes their API tokens) or enable; 422 for yourself or the last active admin', roles: ADMIN, body: updateUserSchema, success: 200 },
  { method: 'post', path: '/api/v1/users/{id}/password-reset', tag: 'Users', summary: 'Reset a user\'s password: returns { user, initialPassword }, shown once; their sessions end, their API tokens are revoked and they choose their own at next sign-in. Staff may also reset another staff member\'s; nobody their own (422)', roles: ADMIN, success: 200 },
  { method: 'post', path: '/api/v1/users/{id}/totp-reset', tag: 'Users', summary: 'Reset a user\'s two-factor authentication (lost device and recovery codes): they sign in with the password and enrol again; their sessions end and their API tokens are revoked; audited, they are told', roles: ADMIN, success: 200 },

  { method: 'get', path: '/api/v1/dashboard', tag: 'Reports', summary: 'Protection at a glance: groups by status, worst RPO, test duty, sites, open alerts, availability', roles: ANY, query: tenantFilterSchema, success: 200,
    returns: 'tests: { total, overdue (no passed test within 12 months, never tested included), failed (last test failed), items: [{ id, name, lastTestedAt, lastTestResult, lastTestEndedAt }] }, overdue first, then last test failed.' },
  { method: 'get', path: '/api/v1/sites', tag: 'Sites and VMs', summary: 'The eight datacentres and their status', roles: ANY, success: 200 },
  { method: 'get', path: '/api/v1/vms', tag: 'Sites and VMs', summary: 'Virtual machines', roles: ANY, query: listVmsQuerySchema, success: 200 },

  { method: 'get', path: '/api/v1/groups', tag: 'Protection groups', summary: 'Protection groups with status and actual RPO', roles: ANY, query: listGroupsQuerySchema, success: 200, returns: `{ items: [group] }. ${GROUP_FIELDS}` },
  { method: 'post', path: '/api/v1/groups', tag: 'Protection groups', summary: 'Create a protection group', roles: ADMIN, body: createGroupSchema, success: 201 },
  { method: 'get', path: '/api/v1/groups/{id}', tag: 'Protection groups', summary: 'One group with members and recovery plan', roles: ANY, success: 200, returns: GROUP_FIELDS },
  { method: 'patch', path: '/api/v1/groups/{id}', tag: 'Protection groups', summary: 'Change settings, members or recovery plan', roles: ADMIN, body: updateGroupSchema, success: 200 },
  { method: 'delete', path: '/api/v1/groups/{id}', tag: 'Protection groups', summary: 'Stop protecting (409 while an operation runs)', roles: ADMIN, success: 204 },
  { method: 'get', path: '/api/v1/groups/{id}/checkpoints', tag: 'Journal', summary: 'Journal checkpoints, newest first; `kind`, a `from`..`to` range (inclusive) and `limit`/`cursor` paging within it (`to` with `limit=1`: the checkpoint a point in time recovers to)', roles: ANY, query: listCheckpointsQuerySchema, success: 200 },
  { method: 'post', path: '/api/v1/groups/{id}/checkpoints', tag: 'Journal', summary: 'Tag a checkpoint now', roles: ADMIN, body: tagCheckpointSchema, success: 201 },
  { method: 'get', path: '/api/v1/groups/{id}/rpo', tag: 'Journal', summary: 'RPO series, downsampled to at most ~1,000 points', roles: ANY, query: rpoQuerySchema, success: 200 },
  { method: 'get', path: '/api/v1/groups/{id}/networks', tag: 'Protection groups', summary: "Each member VM's NICs with the address a test and a live failover give them", roles: ANY, success: 200, returns: NETWORK_FIELDS },
  { method: 'put', path: '/api/v1/groups/{id}/networks', tag: 'Protection groups', summary: 'Change the test and/or live network mappings (keep IP or re-IP, network map, static overrides per NIC)', roles: ADMIN, body: groupNetworksSchema, success: 200, returns: NETWORK_FIELDS },

  { method: 'get', path: '/api/v1/groups/{id}/preflight', tag: 'Operations', summary: 'Run the pre-flight checks without starting anything', roles: ADMIN, query: preflightQuerySchema, success: 200 },
  { method: 'post', path: '/api/v1/groups/{id}/test-failover', tag: 'Operations', summary: 'Start a non-disruptive test failover', roles: ADMIN, body: testFailoverSchema, success: 202 },
  { method: 'post', path: '/api/v1/groups/{id}/failover', tag: 'Operations', summary: 'Start a live failover', roles: ADMIN, body: failoverSchema, success: 202 },
  { method: 'post', path: '/api/v1/groups/{id}/move', tag: 'Operations', summary: 'Planned migration without data loss', roles: ADMIN, body: moveSchema, success: 202 },
  { method: 'post', path: '/api/v1/groups/{id}/failback', tag: 'Operations', summary: 'Fail a reversed group back to its original site', roles: ADMIN, body: failoverSchema, success: 202 },
  { method: 'get', path: '/api/v1/operations', tag: 'Operations', summary: 'Operations, newest first', roles: ANY, query: listOperationsQuerySchema, success: 200 },
  { method: 'get', path: '/api/v1/operations/{id}', tag: 'Operations', summary: 'One operation with its steps', roles: ANY, success: 200,
    returns: 'testAccess (a test whose VMs are up, until it is stopped): [{ vmId, name, addresses, nics: [{ nic, network, ip, prefix, gateway, dns, rule }], connection (portal/vpn/mpls/p2p), reach, consolePath }], else null; ' +
      'liveAccess (a committed live failover, move or failback): { vms (the same items), nat: [{ vmId, vmName, publicIp, privateIp, ports }], dns: [{ name, type, from, to, ttlSeconds }] }, else null. ' +
      'Addresses are computed when the operation starts; later changes of the group\'s networks do not rewrite them.' },
  { method: 'get', path: '/api/v1/operations/{id}/console', tag: 'Operations', summary: "A test VM's simulated console (?vmId=): its boot log and test addresses (404 unless the VM is up in the running test)", roles: ANY, query: testConsoleQuerySchema, success: 200 },
  { method: 'post', path: '/api/v1/operations/{id}/stop-test', tag: 'Operations', summary: 'End a test failover with its result', roles: ADMIN, body: stopTestSchema, success: 200 },
  { method: 'post', path: '/api/v1/operations/{id}/commit', tag: 'Operations', summary: 'Commit a live failover (409 while the recovery site is offline)', roles: ADMIN, success: 200 },
  { method: 'post', path: '/api/v1/operations/{id}/rollback', tag: 'Operations', summary: 'Roll a live failover back (409 while production is offline, unless breakGlass with a reason)', roles: ADMIN, body: rollbackSchema, success: 200 },
  {
    method: 'get', path: '/api/v1/recovery-runs', tag: 'Recovery runs', summary: 'Recovery runs (many groups at once), newest first', roles: ANY, query: listRunsQuerySchema, success: 200,
    returns: 'A page of runs: { items: [{ id, type, status, tiers, groups: [{ groupId, tier, state, operationId, operationStatus, progress, dataLossSeconds, rtoSeconds, forecast, error }], counts, actions, progress, elapsedSeconds, worstRtoTargetMinutes }], nextCursor }.',
  },
  {
    method: 'post', path: '/api/v1/recovery-runs', tag: 'Recovery runs', summary: 'Start a test failover, live failover or move of several groups', roles: ADMIN, body: startRunSchema, success: 202,
    returns:
      'The run. Groups by groupIds (one tier), every group replicating from sourceSiteId (one tier) or a saved planId (its tiers: tier 2 starts when tier 1\'s VMs are up, plus the delay). ' +
      'Latest checkpoints. 422 lists every failed pre-flight check, each with its groupId (null for the capacity of a recovery site, checked for all groups together); 409 when a group is in an operation or held by another run. Staff act for a tenant with ?tenantId=.',
  },
  { method: 'post', path: '/api/v1/recovery-runs/preflight', tag: 'Recovery runs', summary: 'Pre-flight review of a run (nothing starts)', roles: ADMIN, body: startRunSchema, success: 200 },
  { method: 'get', path: '/api/v1/recovery-runs/{id}', tag: 'Recovery runs', summary: 'One run with each group\'s progress, data loss, RTO and forecast', roles: ANY, success: 200 },
  { method: 'post', path: '/api/v1/recovery-runs/{id}/commit', tag: 'Recovery runs', summary: 'Commit every group awaiting its decision', roles: ADMIN, success: 200, returns: '{ run, results: [{ groupId, groupName, ok, message }] }: each group decided on its own; one refused does not stop the others.' },
  { method: 'post', path: '/api/v1/recovery-runs/{id}/rollback', tag: 'Recovery runs', summary: 'Roll back every group awaiting its decision; cancel tiers not yet started (breakGlass with a reason where production is offline)', roles: ADMIN, body: rollbackSchema, success: 200 },
  { method: 'post', path: '/api/v1/recovery-runs/{id}/stop-test', tag: 'Recovery runs', summary: 'Stop every test of the run with one result', roles: ADMIN, body: stopRunTestsSchema, success: 200 },

  { method: 'get', path: '/api/v1/recovery-plans', tag: 'Recovery plans', summary: 'Saved multi-group recovery plans, by name (staff: every tenant, or tenantId)', roles: ANY, query: tenantFilterSchema, success: 200, returns: `{ items: [plan] }. ${PLAN_FIELDS}` },
  { method: 'post', path: '/api/v1/recovery-plans', tag: 'Recovery plans', summary: 'Save a recovery plan: ordered tiers of protection groups (staff name the tenant with ?tenantId=); 409 when the name is taken', roles: ADMIN, query: tenantFilterSchema, body: recoveryPlanSchema, success: 201, returns: PLAN_FIELDS },
  { method: 'get', path: '/api/v1/recovery-plans/{id}', tag: 'Recovery plans', summary: 'One recovery plan with its tiers and their groups', roles: ANY, success: 200, returns: PLAN_FIELDS },
  { method: 'patch', path: '/api/v1/recovery-plans/{id}', tag: 'Recovery plans', summary: 'Rename, describe or change the tiers of a plan (tiers replaces them all); 409 when the name is taken', roles: ADMIN, body: recoveryPlanPatchSchema, success: 200, returns: PLAN_FIELDS },
  { method: 'delete', path: '/api/v1/recovery-plans/{id}', tag: 'Recovery plans', summary: 'Delete a recovery plan (runs started from it keep their own copy)', roles: ADMIN, success: 204 },

  { method: 'get', path: '/api/v1/webhooks', tag: 'Webhooks', summary: 'Webhook endpoints of your organisation (staff: every endpoint, provider ones included, or one tenant\'s with tenantId); never their secrets', roles: ADMIN, query: tenantFilterSchema, success: 200, returns: `{ items: [endpoint] }. ${WEBHOOK_FIELDS}` },
  {
    method: 'post', path: '/api/v1/webhooks', tag: 'Webhooks', roles: ADMIN, query: tenantFilterSchema, body: createWebhookSchema, success: 201,
    summary: 'Add a webhook endpoint: an https:// URL resolving to public addresses only (400 on url otherwise, unless WEBHOOK_ALLOW_PRIVATE=1) and its event types. Staff add a provider endpoint, or a tenant\'s with ?tenantId=; at most 10 each (409)',
    returns: `The endpoint with "secret" (whsec_…), shown this once. ${WEBHOOK_FIELDS}`,
  },
  { method: 'patch', path: '/api/v1/webhooks/{id}', tag: 'Webhooks', summary: 'Re-enable ({ enabled: true }) or pause an endpoint; change its events or description', roles: ADMIN, body: updateWebhookSchema, success: 200, returns: WEBHOOK_FIELDS },
  { method: 'delete', path: '/api/v1/webhooks/{id}', tag: 'Webhooks', summary: 'Delete an endpoint and its delivery log', roles: ADMIN, success: 204 },
  { method: 'get', path: '/api/v1/webhooks/{id}/deliveries', tag: 'Webhooks', summary: 'The endpoint\'s delivery attempts, newest first (limit, cursor)', roles: ADMIN, query: listDeliveriesQuerySchema, success: 200, returns: `{ items: [delivery], nextCursor }. ${DELIVERY_FIELDS}` },
  { method: 'post', path: '/api/v1/webhooks/{id}/test', tag: 'Webhooks', summary: 'Send a signed webhook.test event now (waits at most 10 s) and answer with the attempt', roles: ADMIN, success: 200, returns: DELIVERY_FIELDS },
  { method: 'post', path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', tag: 'Webhooks', summary: 'Send a delivery\'s event again now, with the same webhook-id, and answer with the attempt', roles: ADMIN, success: 200, returns: DELIVERY_FIELDS },
  { method: 'get', path: '/api/v1/me/notification-preferences', tag: 'Notifications', summary: 'Your e-mail preferences: every event type offered to your role, then the personal security ones (locked on)', roles: ANY, success: 200, returns: PREFERENCE_FIELDS },
  { method: 'put', path: '/api/v1/me/notification-preferences', tag: 'Notifications', summary: 'Change your e-mail preferences: { email: { "<type>": true|false } }; an unknown type, one not offered to your role, or a personal security event turned off is refused (400 naming email.<type>). Audited. An API token acts as its owner', roles: ANY, body: notificationPreferencesUpdateSchema, success: 200, returns: PREFERENCE_FIELDS },
  { method: 'delete', path: '/api/v1/me/notification-preferences', tag: 'Notifications', summary: 'Reset your e-mail preferences to your role\'s defaults (audited)', roles: ANY, success: 200, returns: PREFERENCE_FIELDS },
  { method: 'get', path: '/api/v1/tenant/notification-recipients', tag: 'Notifications', summary: 'Who in the tenant is e-mailed about what, computed as the outbox does: client administrators of the tenant (another tenant → 404); staff with ?tenantId= (400 without one unless acting for a tenant)', roles: ADMIN, query: tenantFilterSchema, success: 200,
    returns: '{ tenantId, tenantName, people: [{ userId, name, email, role }], events: [{ type, title, group, recipients: [person], staffAlsoTold (provider staff are e-mailed about it too) }], personal: { types, note } }. Personal security events go to the person concerned only, always.' },

  { method: 'get', path: '/api/v1/alerts', tag: 'Alerts and audit', summary: 'Open and recent alerts', roles: ANY, query: listAlertsQuerySchema, success: 200 },
  { method: 'post', path: '/api/v1/alerts/{id}/ack', tag: 'Alerts and audit', summary: 'Acknowledge an alert', roles: ADMIN, success: 200 },
  {
    method: 'get', path: '/api/v1/audit', tag: 'Alerts and audit', roles: ADMIN, query: listAuditQuerySchema, response: auditPageSchema, success: 200,
    summary: 'The audit trail, newest first in the order recorded (by id; the cursor follows it). Times are real time; `simulatedTime` is the portal\'s simulated clock where it matters; `from`/`to` filter on real time',
  },
  {
    method: 'get', path: '/api/v1/reports/recovery', tag: 'Reports', summary: 'Recovery report: every test failover, live failover, move and failback, newest first', roles: ANY, query: recoveryReportQuerySchema, success: 200,
    returns:
      '{ items, truncated }: per operation its group, type, status, outcome (passed/failed for a test, completed/rolled-back/failed for the others, in-progress), ' +
      'who started it and when, checkpoint, dataLossSeconds, rtoSeconds against rtoTargetMinutes (rtoMet), result and notes, and vms: per VM of the recovery plan ' +
      '{ vmId, name, bootGroup, upAt, rtoSeconds, dataLossSeconds }. result=passed: tests that passed and live operations that completed; result=failed: tests that failed and operations that failed. ' +
      'from/to are UTC days, inclusive. At most 1,000 operations (truncated: true when more matched).',
  },
  {
    method: 'get', path: '/api/v1/reports/sla', tag: 'Reports', summary: 'Monthly availability and service credit', roles: ANY, query: slaQuerySchema, success: 200,
    returns:
      '{ month, tenantId, uptimePercent, creditPercent, downtimeMinutes, maintenanceMinutes, targetPercent, periodStart, periodEnd, ' +
      'availabilityTable: the service description\'s bands [{ fromPercent, belowPercent, maxDowntimeMinutes (of a 730-hour month), creditPercent, label }], ' +
      'allowance: { allowanceMinutes (43.8), usedMinutes, leftMinutes, credit10AfterMinutes (219), credit25AfterMinutes (438) } }.',
  },
  {
    method: 'get', path: '/api/v1/what-if', tag: 'Operations', roles: ANY, query: whatIfQuerySchema, success: 200,
    summary: 'If a site failed now: per group of the caller\'s tenant (staff: every tenant, or ?tenantId) whose production runs there, the data it would lose and its predicted RTO, capacity and target verdicts. Read-only',
    returns:
      '{ siteId, siteName, siteStatus, tenantId, planId, planName, verdict (met/missed/cannot-recover/none), summary, evaluatedAt, ' +
      'groups: [{ groupId, groupName, tenantId, tenantName, type (failover, or failback for a reversed group), tier, vmCount, dataLossSeconds (current RPO; null without a checkpoint), rpoTargetSeconds, ' +
      'plannedRtoSeconds (the operation\'s own steps with the source down: create 5 s + 3 s per VM, each boot group\'s slowest VM, the delays between them), overheadSeconds (median of measured − planned over the group\'s last 10 recoveries), ' +
      'tierWaitSeconds (earlier tiers of planId), predictedRtoSeconds, rtoTargetMinutes, recoverySiteId, recoverySiteName, recoverySiteDown, capacityOk, meetsRpoTarget, meetsRtoTarget, recoverable, blockers }], ' +
      'capacity: per recovery vDC for all affected groups together [{ tenantId, tenantName, siteId, siteName, vdcId, vdcName, groupIds, requiredGhz, requiredMemoryGb, availableGhz, availableMemoryGb, totalGhz, totalMemoryGb, ok, message }], ' +
      'recoverySites (staff only): [{ siteId, siteName, siteStatus, physicalGhz, physicalMemoryGb, reservedGhz, reservedMemoryGb, claimGhz, claimMemoryGb, tenantCount, ok }], ' +
      'unprotected: groups failed over without reverse protection running at the site, losingProtection: groups recovering to the site (left without a replica), missing: [{ groupId, groupName, tenantName, marginSeconds (null: cannot recover), why }] worst first }. ' +
      'planId of another tenant, an unknown siteId or tenantId: 404; a malformed id: 400 naming the field.',
  },

  { method: 'get', path: '/api/v1/requests', tag: 'Service requests', summary: 'Service requests (own tenant; staff: all)', roles: ANY, query: requestListSchema, success: 200 },
  { method: 'post', path: '/api/v1/requests', tag: 'Service requests', summary: 'Raise a service request', roles: ADMIN, body: requestCreateSchema, success: 201 },
  { method: 'get', path: '/api/v1/requests/{id}', tag: 'Service requests', summary: 'One request with comments', roles: ANY, success: 200 },
  { method: 'patch', path: '/api/v1/requests/{id}', tag: 'Service requests', summary: 'Assign, change status or resolve (staff)', roles: ADMIN, body: requestUpdateSchema, success: 200 },
  { method: 'post', path: '/api/v1/requests/{id}/comments', tag: 'Service requests', summary: 'Comment on a request', roles: ADMIN, body: requestCommentSchema, success: 201 },

  { method: 'get', path: '/api/v1/admin/tenants', tag: 'Staff', summary: 'Every tenant', roles: STAFF, success: 200 },
  { method: 'post', path: '/api/v1/admin/tenants', tag: 'Staff', summary: 'Create a tenant (slug unique: 409 when taken)', roles: STAFF, body: tenantCreateSchema, success: 201 },
  { method: 'patch', path: '/api/v1/admin/tenants/{id}', tag: 'Staff', summary: 'Edit or suspend a tenant', roles: STAFF, body: tenantUpdateSchema, success: 200 },
  { method: 'post', path: '/api/v1/admin/tenants/{id}/vdcs', tag: 'Staff', summary: 'Add a production or recovery vDC', roles: STAFF, body: vdcCreateSchema, success: 201 },
  { method: 'patch', path: '/api/v1/admin/tenants/{id}/vdcs/{vdcId}', tag: 'Staff', summary: 'Change a vDC allocation', roles: STAFF, body: vdcUpdateSchema, success: 200 },
  { method: 'post', path: '/api/v1/admin/sites/{id}/outage', tag: 'Staff', summary: 'Take a site down or bring it back (simulator)', roles: STAFF, body: outageSchema, success: 200 },
  { method: 'post', path: '/api/v1/admin/sites/{id}/degrade', tag: 'Staff', summary: 'Degrade a site (slower storage, hosts down) or restore it (simulator)', roles: STAFF, body: siteDegradeSchema, success: 200 },
  { method: 'post', path: '/api/v1/admin/links/{id}/outage', tag: 'Staff', summary: 'Take an inter-site link down or bring it back', roles: STAFF, body: outageSchema, success: 200 },
  { method: 'get', path: '/api/v1/admin/maintenance-windows', tag: 'Staff', summary: 'Scheduled maintenance', roles: STAFF, query: maintenanceListSchema, success: 200 },
  { method: 'post', path: '/api/v1/admin/maintenance-windows', tag: 'Staff', summary: 'Schedule maintenance (site or whole service)', roles: STAFF, body: maintenanceCreateSchema, success: 201 },
  { method: 'get', path: '/api/v1/admin/sla', tag: 'Staff', summary: 'Availability and credits of every tenant for a month', roles: STAFF, query: adminSlaQuerySchema, success: 200 },
  { method: 'get', path: '/api/v1/requests/{id}/comments', tag: 'Service requests', summary: 'Comments on a request', roles: ANY, success: 200 },
  { method: 'get', path: '/api/v1/admin/overview', tag: 'Staff', summary: 'Every tenant\'s protection health at a glance', roles: STAFF, success: 200 },
  { method: 'get', path: '/api/v1/admin/mail', tag: 'Staff', summary: 'E-mail the offline mailer kept (no SMTP_URL), newest first', roles: STAFF, query: listSentMailQuerySchema, success: 200 },
  { method: 'get', path: '/api/v1/admin/backups', tag: 'Staff', summary: 'Backups of the portal database (SQLite, BACKUP_DIR), newest first', roles: STAFF, success: 200,
    returns: '{ items: [{ file, sizeBytes, createdAt, verified (true: integrity check and migrations verified after writing; false; null: no record), verifiedAt, trigger (manual/schedule), durationMs }], running: { trigger, startedAt, startedBy, totalPages, copiedPages, percent } | null, settings: { dir, schedule, nextRunAt, keep, maxAgeDays, database }, unavailable }' },
  { method: 'post', path: '/api/v1/admin/backups', tag: 'Staff', summary: 'Back up the portal database now (SQLite online backup): answers when the copy is written and verified, { backup, deleted (by retention) }; 409 while another backup runs (its progress in running); 503 when it failed (audited backup.failed, staff notified)', roles: STAFF, success: 201 },
  { method: 'get', path: '/api/v1/admin/pricing', tag: 'Staff', summary: 'Production usage and recovery vDC price (20%) per tenant', roles: STAFF, success: 200 },
  { method: 'get', path: '/api/v1/admin/tenants/{id}', tag: 'Staff', summary: 'One tenant with its vDCs and volumes', roles: STAFF, success: 200 },
  { method: 'get', path: '/api/v1/admin/tenants/{id}/vdcs', tag: 'Staff', summary: 'A tenant\'s vDCs', roles: STAFF, success: 200 },
  { method: 'delete', path: '/api/v1/admin/tenants/{id}/vdcs/{vdcId}', tag: 'Staff', summary: 'Remove a vDC', roles: STAFF, success: 204 },
  // Single sign-on (issue 19)
  { method: 'get', path: '/api/v1/admin/tenants/{id}/sso', tag: 'Staff', summary: 'A tenant\'s single sign-on (OpenID Connect) configuration, null until set, and its enabled client administrators (break-glass candidates); the client secret is never returned', roles: STAFF, success: 200 },
  { method: 'put', path: '/api/v1/admin/tenants/{id}/sso', tag: 'Staff', summary: 'Configure single sign-on: issuer, client id and secret (sealed at rest; leave out to keep), email domains (409 naming domains when another tenant owns one), default role, group → role mapping, require SSO with a break-glass administrator', roles: STAFF, body: ssoConfigSchema, success: 200 },
  { method: 'delete', path: '/api/v1/admin/tenants/{id}/sso', tag: 'Staff', summary: 'Remove single sign-on (404 when none)', roles: STAFF, success: 204 },
  { method: 'post', path: '/api/v1/admin/tenants/{id}/sso/test', tag: 'Staff', summary: 'Test connection: fetch the issuer\'s discovery document and check it names that issuer', roles: STAFF, body: ssoTestSchema, success: 200 },
  { method: 'get', path: '/api/v1/auth/sso', tag: 'Authentication', summary: 'The sign-in provider of an email\'s domain ({ provider: "sso-…" } or { provider: null }); names no tenant', roles: ['anonymous'], query: ssoLookupSchema, success: 200 },
  { method: 'get', path: '/api/v1/admin/sites', tag: 'Staff', summary: 'Sites with load and affected groups', roles: STAFF, success: 200 },
  { method: 'get', path: '/api/v1/admin/sites/{id}', tag: 'Staff', summary: 'One site with the groups a fault there affects', roles: STAFF, success: 200 },
  { method: 'get', path: '/api/v1/admin/links', tag: 'Staff', summary: 'Inter-site links with latency and state', roles: STAFF, success: 200 },
  { method: 'get', path: '/api/v1/admin/links/{id}', tag: 'Staff', summary: 'One link with the groups a fault there affects', roles: STAFF, success: 200 },
  { method: 'delete', path: '/api/v1/admin/maintenance-windows/{id}', tag: 'Staff', summary: 'Cancel a maintenance window', roles: STAFF, success: 204 },

  // Scheduled test failovers (issue 17)
  { method: 'get', path: '/api/v1/test-schedules', tag: 'Test schedules', summary: 'Scheduled test failovers of your tenant, by name (staff: every tenant, or tenantId)', roles: ANY, query: tenantFilterSchema, success: 200, returns: `{ items: [schedule] }. ${SCHEDULE_FIELDS}` },
  {
    method: 'post', path: '/api/v1/test-schedules', tag: 'Test schedules', roles: ADMIN, query: tenantFilterSchema, body: testScheduleCreateSchema, success: 201, returns: SCHEDULE_FIELDS,
    summary: 'Schedule test failovers of some groups (groupIds) or of a saved plan (planId): a five-field cron in UTC on the simulated clock, a duration and a checkpoint rule; staff name the tenant with ?tenantId=. 400 naming cron when it is not valid or fires more often than the drill lasts',
  },
  { method: 'get', path: '/api/v1/test-schedules/{id}', tag: 'Test schedules', summary: 'One schedule with its latest 20 drills', roles: ANY, success: 200, returns: `${SCHEDULE_FIELDS} Plus drills: [drill].` },
  { method: 'patch', path: '/api/v1/test-schedules/{id}', tag: 'Test schedules', summary: 'Pause or resume ({ paused }), or change the name, cron, duration or checkpoint rule; the next slot is counted from now', roles: ADMIN, body: testSchedulePatchSchema, success: 200, returns: SCHEDULE_FIELDS },
  { method: 'delete', path: '/api/v1/test-schedules/{id}', tag: 'Test schedules', summary: 'Delete a schedule (its past drills stay as evidence; a running drill finishes)', roles: ADMIN, success: 204 },
  { method: 'get', path: '/api/v1/operations/{id}/app-checks', tag: 'Operations', summary: 'The application checks of a test failover\'s VMs (recorded by a scheduled drill, or computed now), and the drill that started it', roles: ANY, success: 200 },
  { method: 'get', path: '/api/v1/vms/{id}/app-checks', tag: 'Test schedules', summary: 'A VM\'s application checks (a guest heartbeat when none is set) and the faults injected into them', roles: ANY, success: 200 },
  { method: 'post', path: '/api/v1/vms/{id}/check-faults', tag: 'Staff', summary: 'Fault injection: force one check (checkId) or every check of the VM to fail in test failovers until cleared (audited)', roles: STAFF, body: checkFaultSchema, success: 201 },
  { method: 'delete', path: '/api/v1/vms/{id}/check-faults', tag: 'Staff', summary: 'Clear the VM\'s injected faults (or one check\'s, ?checkId=)', roles: STAFF, success: 200 },
  { method: 'get', path: '/api/v1/tenant', tag: 'Approvals', summary: 'Your organisation\'s settings: { tenantId, tenantName, liveFailoverApproval, approvalTimeoutMinutes, providerMayApprove } (staff: ?tenantId= or the tenant they act for)', roles: ANY, query: tenantFilterSchema, success: 200 },
  {
    method: 'patch', path: '/api/v1/tenant', tag: 'Approvals', roles: ['client_admin'], body: tenantSettingsPatchSchema, success: 200,
    summary: 'Change your organisation\'s settings. With liveFailoverApproval on, a live failover, move or failback (single or a recovery run) answers 202 { status: "awaiting-approval", approvalId, approval } and starts only when another client administrator approves it; "breakGlass": true with a reason on the start proceeds without approval and is marked',
  },
  { method: 'get', path: '/api/v1/approvals', tag: 'Approvals', summary: 'Approval requests of live failovers, moves and failbacks, pending first (staff: every tenant, or tenantId)', roles: ANY, query: listApprovalsQuerySchema, success: 200, returns: `{ items: [request] }. ${APPROVAL_FIELDS}` },
  { method: 'get', path: '/api/v1/approvals/{id}', tag: 'Approvals', summary: 'One approval request', roles: ANY, success: 200, returns: APPROVAL_FIELDS },
  {
    method: 'post', path: '/api/v1/approvals/{id}/approve', tag: 'Approvals', roles: ADMIN, body: approvalDecisionSchema, success: 200, returns: APPROVAL_FIELDS,
    summary: 'Approve another administrator\'s request: it is validated again (checkpoint, pre-flight) and started as the requester asked, or kept as approved-failed with the reason. 403 for your own request (staff: unless the tenant allows provider approval); 409 when decided or expired; of racing decisions exactly one wins',
  },
  { method: 'post', path: '/api/v1/approvals/{id}/reject', tag: 'Approvals', summary: 'Reject another administrator\'s request with an optional comment (403 for your own; 409 when decided or expired)', roles: ADMIN, body: approvalDecisionSchema, success: 200, returns: APPROVAL_FIELDS },
  {
    method: 'get', path: '/api/v1/resources', tag: 'Resources', summary: 'Recovery vDCs per site (reserved and used), storage per group, and the monthly recovery price', roles: ADMIN, query: resourcesQuerySchema, success: 200,
    returns:
      '{ tenant: { id, name, currency }, sites: [{ siteId, siteName, vdc: { id, name, ghz, memoryGb, storageGb, iops: each { reserved, used } } | null, ' +
      'volume: { id, name, media, sizeGb, usedGb (groups\' replica + journal and the production disks there), productionGb, guaranteedIops } | null, groups: [{ id, name, replicaGb, journalGb, totalGb, writeIops }] }], ' +
      'price: { ratio (0.2), vmCount, usage: { vcpuGhz, memoryGb, storageGb } of the protected VMs, unitPrices (pence a month per unit), lines: [{ resource, usage, units (20 %), unitPriceCents, monthlyCents }], monthlyCents, currency } }. ' +
      'Staff: ?tenantId= or act for the tenant. A user: 403; another tenant\'s id: 404.',
  },
  { method: 'put', path: '/api/v1/admin/pricing/{tenantId}', tag: 'Staff', summary: 'Set a tenant\'s monthly unit prices (pence per GHz, per GB of memory, per GB of storage)', roles: STAFF, body: unitPricesSchema, success: 200 },
  {
    method: 'get', path: '/api/v1/events', tag: 'Live updates', roles: ANY, success: 200,
    summary: 'The live stream (text/event-stream, Server-Sent Events): what changed in your scope, so you refetch instead of polling. At most 5 open per user (429)',
    returns:
      'Events: `ready` (data { tenantId }) at the start; `invalidate` (data { topics, tenantId }) at most every 250 ms per tenant, topics such as groups, group:<id>, operations, operation:<id>, runs, alerts, dashboard, sites, approvals, requests, audit; ' +
      '`reset` when the Last-Event-ID header (or ?lastEventId=) is too old to resume from (refetch everything). Every event has an id: send the last one as Last-Event-ID when reconnecting to receive what you missed. ' +
      'A comment line every 15 s keeps proxies from closing it. A client role receives its tenant\'s changes, staff every tenant\'s (or the tenant they act for). ' +
      'The session or token is checked again every 30 s (LIVE_AUTH_RECHECK_SECONDS): once it has expired, been signed out, ended by a password reset or revoked, a `reauth` event (data { reason }, no id) ends the stream; sign in again before reopening it. ' +
      'The portal opens one stream per browser and shares it between its tabs.',
  },
];
