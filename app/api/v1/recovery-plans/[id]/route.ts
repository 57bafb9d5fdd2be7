import { apiRoute, noContent } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { deletePlan, getPlan, updatePlan } from '@/lib/domain/recovery/plans';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ db, actor, params }) => getPlan(db, actor, params.id));

export const PATCH = apiRoute<Params>(async (ctx) => updatePlan(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx)));

export const DELETE = apiRoute<Params>(async ({ db, actor, params }) => {
  await deletePlan(db, actor, params.id);
  return noContent();
});
