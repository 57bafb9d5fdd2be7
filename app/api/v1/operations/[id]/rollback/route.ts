import { apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { rollbackOperation } from '@/lib/domain/operations/operations';

/** Rolls a live failover back; while production is offline only with `{ breakGlass: true, reason }` (409 otherwise). */
export const POST = apiRoute<{ id: string }>(async (ctx) => rollbackOperation(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx)));
