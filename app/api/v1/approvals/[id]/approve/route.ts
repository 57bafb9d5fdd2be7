import { apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { approveRequest } from '@/lib/domain/approvals/approvals';

/** Approves another administrator's request and starts it (403 for your own; 409 when decided or expired). */
export const POST = apiRoute<{ id: string }>(async (ctx) => approveRequest(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx)));
