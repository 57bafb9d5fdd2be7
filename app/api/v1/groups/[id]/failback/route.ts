import { accepted, apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { startFailback } from '@/lib/domain/operations/operations';

/** Returns a group failed over with reverse protection home → 202 with the operation. */
export const POST = apiRoute<{ id: string }>(async (ctx) => accepted(await startFailback(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx))));
