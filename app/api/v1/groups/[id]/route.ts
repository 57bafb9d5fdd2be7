import { apiRoute, noContent } from '@/lib/api/handler';
import { bodyOf, ifMatchOf, withEtag } from '@/lib/api/request-input';
import { deleteGroup, getGroup, updateGroup } from '@/lib/domain/groups/groups';

type Params = { id: string };

// The ETag is the group's configuration version: send it back as If-Match with a PATCH and a
// change made on a stale copy is refused (412) instead of undoing someone else's.
export const GET = apiRoute<Params>(async ({ db, actor, params }) => withEtag(await getGroup(db, actor, params.id)));

export const PATCH = apiRoute<Params>(async (ctx) =>
  withEtag(await updateGroup(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx), { expectedVersion: ifMatchOf(ctx.req) })),
);

export const DELETE = apiRoute<Params>(async ({ db, actor, params }) => {
  await deleteGroup(db, actor, params.id);
  return noContent();
});
