import { apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { getMyNotificationPreferences, resetMyNotificationPreferences, updateMyNotificationPreferences } from '@/lib/domain/notifications/preferences';

/** Your own e-mail choices; an API token acts as its owner (personal security events stay locked on). */
export const GET = apiRoute(async ({ db, actor }) => getMyNotificationPreferences(db, actor));

export const PUT = apiRoute(async (ctx) => updateMyNotificationPreferences(ctx.db, ctx.actor, await bodyOf(ctx)));

/** Back to your role's defaults. */
export const DELETE = apiRoute(async ({ db, actor }) => resetMyNotificationPreferences(db, actor));
