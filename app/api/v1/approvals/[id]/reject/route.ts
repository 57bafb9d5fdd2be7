import { apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { rejectRequest } from '@/lib/domain/approvals/approvals';

/** Rejects another administrator's request (403 for your own; 409 when decided or expired). */
export const POST = apiRoute<{ id: string }>(async (ctx) => rejectRequest(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx)));
