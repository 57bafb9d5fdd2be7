import { apiRoute, created } from '@/lib/api/handler';
import { bodyOf, queryOf } from '@/lib/api/request-input';
import { createGroup, listGroups } from '@/lib/domain/groups/groups';

export const GET = apiRoute(async ({ db, actor, req }) => ({ items: await listGroups(db, actor, queryOf(req)) }));

export const POST = apiRoute(async (ctx) => created(await createGroup(ctx.db, ctx.actor, await bodyOf(ctx))));
