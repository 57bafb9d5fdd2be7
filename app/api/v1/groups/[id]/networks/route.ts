import { apiRoute } from '@/lib/api/handler';
import { bodyOf, ifMatchOf } from '@/lib/api/request-input';
import { readGroupNetworks } from '@/lib/domain/groups/group-networks';
import { updateGroupNetworks } from '@/lib/domain/groups/group-networks-update';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ db, actor, params }) => readGroupNetworks(db, actor, params.id));

export const PUT = apiRoute<Params>(async (ctx) => updateGroupNetworks(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx), { expectedVersion: ifMatchOf(ctx.req) }));
