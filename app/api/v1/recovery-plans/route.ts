import { apiRoute, created } from '@/lib/api/handler';
import { bodyOf, queryOf } from '@/lib/api/request-input';
import { createPlan, listPlans } from '@/lib/domain/recovery/plans';

export const GET = apiRoute(async ({ db, actor, req }) => ({ items: await listPlans(db, actor, queryOf(req)) }));

// Staff name the tenant with ?tenantId= (or tenantId in the body) unless acting for one.
export const POST = apiRoute(async (ctx) =>
  created(await createPlan(ctx.db, ctx.actor, await bodyOf(ctx), { tenantId: ctx.req.nextUrl.searchParams.get('tenantId') ?? undefined })),
);
