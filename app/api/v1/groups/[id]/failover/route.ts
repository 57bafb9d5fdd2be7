import { accepted, apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { startFailover } from '@/lib/domain/operations/operations';

/** Starts a live failover (a failback on a reversed group) → 202 with the operation. */
export const POST = apiRoute<{ id: string }>(async (ctx) => accepted(await startFailover(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx))));
