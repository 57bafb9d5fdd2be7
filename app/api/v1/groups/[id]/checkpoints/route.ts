import { apiRoute, created } from '@/lib/api/handler';
import { bodyOf, queryOf } from '@/lib/api/request-input';
import { listCheckpoints, tagCheckpoint } from '@/lib/domain/replication/checkpoints';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ db, actor, params, req }) => listCheckpoints(db, actor, params.id, queryOf(req)));

export const POST = apiRoute<Params>(async (ctx) => created(await tagCheckpoint(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx))));
