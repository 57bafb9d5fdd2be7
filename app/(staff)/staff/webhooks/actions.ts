'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/domain/core/database';
import type { ActionResult } from '@/components/portal/action-result';
import { runAction } from '@/app/_lib/run-action';
import { createWebhook, deleteWebhook, listDeliveries, redeliver, sendTestEvent, updateWebhook, type WebhookDeliveryDto } from '@/lib/domain/notifications/webhooks';
import { staffActor } from '../_lib/staff-actor';

/*
 * The provider's webhook endpoints (tenantId null), managed from the console. The actor is
 * service-wide even while an act-for cookie narrows the portal session, so a new endpoint is
 * always the provider's, never the tenant's being acted for. Authorisation stays in lib/domain.
 */

/** The new endpoint's signing secret comes back here once; reads never show it again. */
export async function createProviderWebhookAction(input: { url: string; events: string[]; description?: string }): Promise<ActionResult & { secret?: string }> {
  let secret: string | undefined;
  const result = await runAction(async () => {
    secret = (await createWebhook(getDb(), await staffActor(), input)).secret;
    return 'Provider webhook endpoint added.';
  });
  if (result.ok) revalidatePath('/staff/webhooks');
  return { ...result, secret };
}

export async function deleteProviderWebhookAction(id: string): Promise<ActionResult> {
  const result = await runAction(async () => {
    await deleteWebhook(getDb(), await staffActor(), id);
    return 'Webhook endpoint deleted.';
  });
  if (result.ok) revalidatePath('/staff/webhooks');
  return result;
}

export async function setProviderWebhookEnabledAction(id: string, enabled: boolean): Promise<ActionResult> {
  const result = await runAction(async () => {
    await updateWebhook(getDb(), await staffActor(), id, { enabled });
    return enabled ? 'Webhook endpoint enabled.' : 'Webhook endpoint paused.';
  });
  if (result.ok) revalidatePath('/staff/webhooks');
  return result;
}

export async function testProviderWebhookAction(id: string): Promise<ActionResult & { delivery?: WebhookDeliveryDto }> {
  let delivery: WebhookDeliveryDto | undefined;
  const result = await runAction(async () => {
    delivery = await sendTestEvent(getDb(), await staffActor(), id);
  });
  if (result.ok) revalidatePath('/staff/webhooks');
  return { ...result, delivery };
}

export async function redeliverProviderWebhookAction(id: string, deliveryId: string): Promise<ActionResult & { delivery?: WebhookDeliveryDto }> {
  let delivery: WebhookDeliveryDto | undefined;
  const result = await runAction(async () => {
    delivery = await redeliver(getDb(), await staffActor(), id, deliveryId);
  });
  if (result.ok) revalidatePath('/staff/webhooks');
  return { ...result, delivery };
}

export async function providerWebhookDeliveriesAction(id: string, cursor?: string): Promise<ActionResult & { items?: WebhookDeliveryDto[]; nextCursor?: string | null }> {
  let page: { items: WebhookDeliveryDto[]; nextCursor: string | null } | undefined;
  const result = await runAction(async () => {
    page = await listDeliveries(getDb(), await staffActor(), id, { limit: '20', ...(cursor ? { cursor } : {}) });
  });
  return { ...result, ...page };
}
