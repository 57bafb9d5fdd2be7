import { z } from 'zod';
import { displayText, wholeNumber } from './fields';
import { NOTIFICATION_EVENT_TYPES, type NotificationEventType } from './notifications';

/**
 * The event types a webhook endpoint may subscribe to: every event of the notifications outbox
 * (lib/schemas/notifications.ts) except a person's own security events (sign-in, password,
 * 2FA), which go to that person only. `webhook.test` is what "send a test event" delivers,
 * whatever the endpoint subscribed to.
 */
const PRIVATE_TO_A_PERSON: readonly NotificationEventType[] = ['signin.new-device', 'account.password-changed', 'account.2fa-changed'];
/** `webhook.disabled` is told by e-mail only: the endpoint it is about can no longer be reached. */
const NOT_FOR_WEBHOOKS: readonly NotificationEventType[] = [...PRIVATE_TO_A_PERSON, 'webhook.disabled'];
export const WEBHOOK_EVENT_TYPES = [...NOTIFICATION_EVENT_TYPES.filter((t) => !NOT_FOR_WEBHOOKS.includes(t)), 'webhook.test'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** `cancelled`: never attempted because its endpoint was disabled (the reason in `error`). */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** Why a delivery row was written: an event (with retries), a test event, or a manual redelivery. */
export const WEBHOOK_DELIVERY_TRIGGERS = ['event', 'test', 'redeliver'] as const;
export type WebhookDeliveryTrigger = (typeof WEBHOOK_DELIVERY_TRIGGERS)[number];

/** Most endpoints one tenant (or the provider) may have. */
export const MAX_WEBHOOK_ENDPOINTS = 10;

const urlField = z
  .string({ error: 'url must be text.' })
  .trim()
  .min(1, { error: 'url is required.' })
  .max(2000, { error: 'url is at most 2000 characters.' })
  .pipe(z.url({ protocol: /^https?$/, error: 'url must be an absolute https:// URL.' }));

const eventsField = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `Unknown event type; one of ${WEBHOOK_EVENT_TYPES.join(', ')}.` }), { error: 'events must be a list of event types.' })
  .min(1, { error: 'Choose at least one event type.' })
  .max(WEBHOOK_EVENT_TYPES.length, { error: 'Name each event type once.' })
  .refine((list) => new Set(list).size === list.length, { error: 'Name each event type once.' });

const descriptionField = displayText('Description', 0, 200);

export const createWebhookSchema = z.object(
  {
    url: urlField,
    events: eventsField,
    description: descriptionField.optional(),
  },
  { error: 'Send a JSON object.' },
);
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

/** PATCH: re-enable (or pause) an endpoint, change its events or description. */
export const updateWebhookSchema = z
  .object(
    {
      enabled: z.boolean({ error: 'enabled must be true or false (a JSON boolean).' }).optional(),
      events: eventsField.optional(),
      description: descriptionField.optional(),
    },
    { error: 'Send a JSON object.' },
  )
  .refine((b) => b.enabled !== undefined || b.events !== undefined || b.description !== undefined, { error: 'Send enabled, events or description.', path: ['enabled'] });
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

export const listDeliveriesQuerySchema = z.object({
  limit: wholeNumber('limit', 1, 100).optional().default(25),
  cursor: z.string({ error: 'cursor must be the nextCursor of a previous page.' }).max(200).optional(),
});
