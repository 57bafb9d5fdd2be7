import { apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { stopRunTests } from '@/lib/domain/recovery/run-decisions';

/** Stops every test of the run: `{ result: "passed" | "failed", notes? }`. */
export const POST = apiRoute<{ id: string }>(async (ctx) => stopRunTests(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx)));
