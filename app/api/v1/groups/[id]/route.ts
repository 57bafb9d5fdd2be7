import { apiRoute, noContent } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { deleteGroup, getGroup, updateGroup } from '@/lib/domain/groups';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ db, actor, params }) => getGroup(db, actor, params.id));

export const PATCH = apiRoute<Params>(async (ctx) => updateGroup(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx)));

export const DELETE = apiRoute<Params>(async ({ db, actor, params }) => {
  await deleteGroup(db, actor, params.id);
  return noContent();
});
