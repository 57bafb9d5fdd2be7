/**
 * What an e-mail says: one event, or a digest of the events a recipient got within a minute.
 * Plain text and HTML, the tenant's name, what happened, when (UTC; the simulated clock for
 * events about the estate) and a link into the portal. Every message names its event ids (in
 * the `X-CloudShield-Event-Ids` header and the body) so a receiver can de-duplicate re-sends.
 */
import 'server-only';
import { formatDateTime } from '@/lib/format';
import { EVENT_TITLE, PERSONAL_EVENT_TYPES, type NotificationEventType } from '@/lib/schemas/notifications';

export const EVENT_IDS_HEADER = 'X-CloudShield-Event-Ids';

export type MessageEvent = {
  id: string;
  type: NotificationEventType;
  tenantId: string | null;
  tenantName: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
};

export type Message = { to: string; subject: string; text: string; html: string; headers: Record<string, string>; eventIds: string[] };

const str = (v: unknown): string | null => (typeof v === 'string' && v.length ? v : null);

/** The portal page an event is about (its group, operation, run, request; the site for staff). */
export function portalPath(e: Pick<MessageEvent, 'type' | 'tenantId' | 'payload'>): string {
  const p = e.payload;
  if (str(p.operationId)) return `/operations/${p.operationId}`;
  if (str(p.runId)) return `/recovery/runs/${p.runId}`;
  if (str(p.approvalId)) return '/approvals';
  if (str(p.requestId)) return e.tenantId ? `/requests/${p.requestId}` : `/staff/requests/${p.requestId}`;
  if (str(p.groupId)) return `/groups/${p.groupId}`;
  if (PERSONAL_EVENT_TYPES.includes(e.type) || str(p.webhookId)) return '/settings';
  if (str(p.siteId) && !e.tenantId) return `/staff/sites/${p.siteId}`;
  return e.tenantId ? '/' : '/staff';
}

/** One line saying what happened: the caller's summary, or the event's title. */
export function whatHappened(e: MessageEvent): string {
  return str(e.payload.summary) ?? EVENT_TITLE[e.type];
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function url(portalUrl: string, path: string): string {
  return `${portalUrl.replace(/\/+$/, '')}${path}`;
}

/** Builds the message for one recipient from the events (oldest first); more than one makes a digest. */
export function composeMessage(to: string, events: MessageEvent[], portalUrl: string): Message {
  if (!events.length) throw new Error('composeMessage: no events');
  const sorted = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  // The tenant's name leads the subject when every event is that one tenant's (not the provider's own).
  const tenants = [...new Set(sorted.map((e) => e.tenantName))];
  const prefix = tenants.length === 1 && tenants[0] ? `[${tenants[0]}] ` : '';
  const first = sorted[0];
  const subject = sorted.length === 1
    ? `${prefix}${EVENT_TITLE[first.type]}${str(first.payload.subject) ? `: ${first.payload.subject}` : ''}`
    : `${prefix}${sorted.length} notifications: ${[...new Set(sorted.map((e) => EVENT_TITLE[e.type]))].join(', ')}`.slice(0, 200);
  const eventIds = sorted.map((e) => e.id);

  const textBlocks = sorted.map((e) => [
    `${EVENT_TITLE[e.type]}${e.tenantName ? ` — ${e.tenantName}` : ''}`,
    whatHappened(e),
    `When: ${formatDateTime(e.occurredAt, { seconds: true })}`,
    `Open in the portal: ${url(portalUrl, portalPath(e))}`,
    `Event id: ${e.id}`,
  ].join('\n'));
  const text = [
    sorted.length === 1 ? 'CloudShield notification' : `CloudShield: ${sorted.length} notifications`,
    '',
    textBlocks.join('\n\n'),
    '',
    `Event ids: ${eventIds.join(', ')}`,
    'You receive these messages for your role in CloudShield.',
  ].join('\n');

  const htmlBlocks = sorted.map((e) => `<div style="margin:0 0 16px">
<h2 style="font-size:16px;margin:0 0 4px">${escapeHtml(EVENT_TITLE[e.type])}${e.tenantName ? ` — ${escapeHtml(e.tenantName)}` : ''}</h2>
<p style="margin:0 0 4px">${escapeHtml(whatHappened(e))}</p>
<p style="margin:0 0 4px;color:#555">When: ${escapeHtml(formatDateTime(e.occurredAt, { seconds: true }))}</p>
<p style="margin:0 0 4px"><a href="${escapeHtml(url(portalUrl, portalPath(e)))}">Open in the portal</a></p>
<p style="margin:0;color:#888;font-size:12px">Event id: ${escapeHtml(e.id)}</p>
</div>`);
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111">
<h1 style="font-size:18px">${sorted.length === 1 ? 'CloudShield notification' : `CloudShield: ${sorted.length} notifications`}</h1>
${htmlBlocks.join('\n')}
<p style="color:#888;font-size:12px">Event ids: ${escapeHtml(eventIds.join(', '))}<br>You receive these messages for your role in CloudShield.</p>
</body></html>`;
  return { to, subject, text, html, headers: { [EVENT_IDS_HEADER]: eventIds.join(',') }, eventIds };
}
