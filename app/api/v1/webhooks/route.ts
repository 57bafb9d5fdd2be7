import { apiRoute, created } from '@/lib/api/handler';
import { bodyOf, queryOf } from '@/lib/api/request-input';
import { createWebhook, listWebhooks } from '@/lib/domain/notifications/webhooks';

export const GET = apiRoute(async ({ db, actor, req }) => ({ items: await listWebhooks(db, actor, queryOf(req)) }));

// Staff create a provider endpoint, or a tenant's with ?tenantId= (or while acting for one).
export const POST = apiRoute(async (ctx) =>
  created(await createWebhook(ctx.db, ctx.actor, await bodyOf(ctx), { tenantId: ctx.req.nextUrl.searchParams.get('tenantId') ?? undefined })),
);
