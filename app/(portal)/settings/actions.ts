'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/domain/core/database';
import type { ActionResult } from '@/components/portal/action-result';
import { requireActor } from '@/lib/auth/current-actor';
import { inviteUser, resetUserPassword, updateTenantUser } from '@/lib/domain/accounts/tenant-users';
import { createToken, revokeToken } from '@/lib/domain/accounts/tokens';
import type { InviteUserInput, UpdateUserInput } from '@/lib/schemas/users';
import { beginTotpEnrolment, confirmTotp, disableTotp, regenerateRecoveryCodes, resetUserTotp } from '@/lib/domain/accounts/two-factor';
import { changeOwnPassword } from '@/lib/domain/accounts/password';
import { signOutEverywhere } from '@/lib/domain/accounts/sessions';
import type { PasswordChangeInput } from '@/lib/auth/schemas';
import { runAction } from '@/app/_lib/run-action';
import { resetMyNotificationPreferences, updateMyNotificationPreferences } from '@/lib/domain/notifications/preferences';
import type { NotificationPreferencesUpdate } from '@/lib/schemas/notification-preferences';
import { createWebhook, deleteWebhook, listDeliveries, redeliver, sendTestEvent, updateWebhook, type WebhookDeliveryDto } from '@/lib/domain/notifications/webhooks';

/** The new token's plaintext comes back here once; it is never stored or shown again. */
export async function createTokenAction(input: { name: string; expiresInDays?: string; scope?: string }): Promise<ActionResult & { token?: string }> {
  let token: string | undefined;
  const result = await runAction(async () => {
    const expires = input.expiresInDays?.trim();
    token = createToken(getDb(), await requireActor(), { name: input.name, expiresInDays: expires ? expires : undefined, scope: input.scope as 'read' | 'full' | undefined }).token;
    return 'Token created.';
  });
  if (result.ok) revalidatePath('/settings');
  return { ...result, token };
}

export async function revokeTokenAction(id: string): Promise<ActionResult> {
  const result = await runAction(async () => {
    revokeToken(getDb(), await requireActor(), id);
    return 'Token revoked.';
  });
  if (result.ok) revalidatePath('/settings');
  return result;
}

export async function beginTotpAction(password: string): Promise<ActionResult & { secret?: string; uri?: string }> {
  let enrolment: { secret: string; uri: string } | undefined;
  const result = await runAction(async () => {
    enrolment = await beginTotpEnrolment(getDb(), await requireActor(), { password });
  });
  return { ...result, ...enrolment };
}

/** The ten recovery codes come back here once; only their hashes are stored. */
export async function confirmTotpAction(code: string): Promise<ActionResult & { recoveryCodes?: string[] }> {
  let recoveryCodes: string[] | undefined;
  const result = await runAction(async () => {
    recoveryCodes = (await confirmTotp(getDb(), await requireActor(), { code })).recoveryCodes;
    return 'Two-factor authentication is on.';
  });
  if (result.ok) revalidatePath('/settings');
  return { ...result, recoveryCodes };
}

export async function regenerateRecoveryCodesAction(code: string): Promise<ActionResult & { recoveryCodes?: string[] }> {
  let recoveryCodes: string[] | undefined;
  const result = await runAction(async () => {
    recoveryCodes = (await regenerateRecoveryCodes(getDb(), await requireActor(), { code })).recoveryCodes;
    return 'New recovery codes made; the old ones no longer work.';
  });
  return { ...result, recoveryCodes };
}

export async function disableTotpAction(password: string, code: string): Promise<ActionResult> {
  const result = await runAction(async () => {
    await disableTotp(getDb(), await requireActor(), { password, code });
    return 'Two-factor authentication is off.';
  });
  if (result.ok) revalidatePath('/settings');
  return result;
}

/** A user of the organisation lost their authenticator and recovery codes (client admins; staff). */
export async function resetTotpAction(id: string): Promise<ActionResult> {
  const result = await runAction(async () => {
    resetUserTotp(getDb(), await requireActor(), id);
    return 'Two-factor authentication reset: they sign in with their password and set it up again; their sessions ended and their API tokens were revoked.';
  });
  if (result.ok) revalidatePath('/settings');
  return result;
}

/** The initial password comes back here once; only its hash is stored. */
export async function inviteUserAction(input: InviteUserInput): Promise<ActionResult & { initialPassword?: string; email?: string }> {
  let invited: { initialPassword: string; email: string } | undefined;
  const result = await runAction(async () => {
    const { user, initialPassword } = await inviteUser(getDb(), await requireActor(), input);
    invited = { initialPassword, email: user.email };
    return `${user.name} can now sign in as ${user.email}.`;
  });
  if (result.ok) revalidatePath('/settings');
  return { ...result, ...invited };
}

export async function updateUserAction(id: string, input: UpdateUserInput): Promise<ActionResult> {
  const result = await runAction(async () => {
    const user = updateTenantUser(getDb(), await requireActor(), id, input);
    if (input.disabled === true) return `${user.name} is disabled; their API tokens are revoked.`;
    if (input.disabled === false) return `${user.name} is enabled again.`;
    return `${user.name} is now ${user.role === 'client_admin' ? 'a client admin' : 'a user'}.`;
  });
  if (result.ok) revalidatePath('/settings');
  return result;
}

/** The new one-time password comes back here once, for the administrator to hand over. */
export async function resetPasswordAction(id: string): Promise<ActionResult & { initialPassword?: string; email?: string }> {
  let issued: { initialPassword: string; email: string } | undefined;
  const result = await runAction(async () => {
    const { user, initialPassword } = await resetUserPassword(getDb(), await requireActor(), id);
    issued = { initialPassword, email: user.email };
    return `${user.name} is signed out and has a new one-time password.`;
  });
  if (result.ok) revalidatePath('/settings');
  return { ...result, ...issued };
}

/** On success every session is over, this one included: the form signs out next. */
/** Ends every session of the caller, this one included; the client then signs out. */
export async function signOutEverywhereAction(): Promise<ActionResult> {
  return runAction(async () => {
    signOutEverywhere(getDb(), await requireActor());
    return 'Signed out everywhere.';
  });
}

export async function changePasswordAction(input: PasswordChangeInput): Promise<ActionResult> {
  return runAction(async () => {
    await changeOwnPassword(getDb(), await requireActor(), input);
    return 'Password changed. Sign in again with your new password.';
  });
}

// ---------------------------------------------------------------------------------------------
// Webhooks (client administrators; staff acting for the tenant)

/** The new endpoint's signing secret comes back here once; reads never show it again. */
export async function createWebhookAction(input: { url: string; events: string[]; description?: string }): Promise<ActionResult & { secret?: string }> {
  let secret: string | undefined;
  const result = await runAction(async () => {
    secret = (await createWebhook(getDb(), await requireActor(), input)).secret;
    return 'Webhook endpoint added.';
  });
  if (result.ok) revalidatePath('/settings');
  return { ...result, secret };
}

export async function deleteWebhookAction(id: string): Promise<ActionResult> {
  const result = await runAction(async () => {
    await deleteWebhook(getDb(), await requireActor(), id);
    return 'Webhook endpoint deleted.';
  });
  if (result.ok) revalidatePath('/settings');
  return result;
}

export async function setWebhookEnabledAction(id: string, enabled: boolean): Promise<ActionResult> {
  const result = await runAction(async () => {
    await updateWebhook(getDb(), await requireActor(), id, { enabled });
    return enabled ? 'Webhook endpoint enabled.' : 'Webhook endpoint paused.';
  });
  if (result.ok) revalidatePath('/settings');
  return result;
}

export async function testWebhookAction(id: string): Promise<ActionResult & { delivery?: WebhookDeliveryDto }> {
  let delivery: WebhookDeliveryDto | undefined;
  const result = await runAction(async () => {
    delivery = await sendTestEvent(getDb(), await requireActor(), id);
  });
  if (result.ok) revalidatePath('/settings');
  return { ...result, delivery };
}

export async function redeliverWebhookAction(id: string, deliveryId: string): Promise<ActionResult & { delivery?: WebhookDeliveryDto }> {
  let delivery: WebhookDeliveryDto | undefined;
  const result = await runAction(async () => {
    delivery = await redeliver(getDb(), await requireActor(), id, deliveryId);
  });
  if (result.ok) revalidatePath('/settings');
  return { ...result, delivery };
}

export async function webhookDeliveriesAction(id: string, cursor?: string): Promise<ActionResult & { items?: WebhookDeliveryDto[]; nextCursor?: string | null }> {
  let page: { items: WebhookDeliveryDto[]; nextCursor: string | null } | undefined;
  const result = await runAction(async () => {
    page = await listDeliveries(getDb(), await requireActor(), id, { limit: '20', ...(cursor ? { cursor } : {}) });
  });
  return { ...result, ...page };
}

// ---------------------------------------------------------------------------------------------
// E-mail notification preferences (everyone's own)

/** Validated with notificationPreferencesUpdateSchema by the use case, as the REST PUT is. */
export async function saveNotificationPreferencesAction(input: NotificationPreferencesUpdate): Promise<ActionResult> {
  const result = await runAction(async () => {
    updateMyNotificationPreferences(getDb(), await requireActor(), input);
    return 'Notification settings saved.';
  });
  if (result.ok) revalidatePath('/settings');
  return result;
}

export async function resetNotificationPreferencesAction(): Promise<ActionResult> {
  const result = await runAction(async () => {
    resetMyNotificationPreferences(getDb(), await requireActor());
    return 'Notification settings are back to your role\'s defaults.';
  });
  if (result.ok) revalidatePath('/settings');
  return result;
}
