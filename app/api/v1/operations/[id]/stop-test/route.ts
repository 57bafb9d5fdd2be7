import { apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { stopTest } from '@/lib/domain/operations/operations';

/** Ends a test: `{ result: "passed" | "failed", notes? }`; the test VMs are then removed. */
export const POST = apiRoute<{ id: string }>(async (ctx) => stopTest(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx)));
