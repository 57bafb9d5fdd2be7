import { accepted, apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { startMove } from '@/lib/domain/operations/operations';

/** Starts a planned migration (no data loss) → 202 with the operation. */
export const POST = apiRoute<{ id: string }>(async (ctx) => accepted(await startMove(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx))));
