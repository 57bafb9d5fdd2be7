import { apiRoute, noContent } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { deleteWebhook, updateWebhook } from '@/lib/domain/notifications/webhooks';

type Params = { id: string };

export const PATCH = apiRoute<Params>(async (ctx) => updateWebhook(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx)));

export const DELETE = apiRoute<Params>(async ({ db, actor, params }) => {
  await deleteWebhook(db, actor, params.id);
  return noContent();
});
