import { accepted, apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { startTestFailover } from '@/lib/domain/operations/operations';

/** Starts a test failover: `{ checkpointId?, pointInTime? }` → 202 with the operation. */
export const POST = apiRoute<{ id: string }>(async (ctx) => accepted(await startTestFailover(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx))));
