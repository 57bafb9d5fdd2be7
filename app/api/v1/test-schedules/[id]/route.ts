import { apiRoute, noContent } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { deleteTestSchedule, getTestSchedule, updateTestSchedule } from '@/lib/domain/drills/schedules';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ db, actor, params }) => getTestSchedule(db, actor, params.id));

export const PATCH = apiRoute<Params>(async (ctx) => updateTestSchedule(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx)));

export const DELETE = apiRoute<Params>(async ({ db, actor, params }) => {
  await deleteTestSchedule(db, actor, params.id);
  return noContent();
});
