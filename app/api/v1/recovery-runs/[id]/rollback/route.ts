import { apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { rollbackRun } from '@/lib/domain/recovery/run-decisions';

/**
 * Rolls back every group awaiting its decision and cancels the tiers not yet started;
 * `{ breakGlass: true, reason }` also rolls back the groups whose production is offline.
 */
export const POST = apiRoute<{ id: string }>(async (ctx) => rollbackRun(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx)));
