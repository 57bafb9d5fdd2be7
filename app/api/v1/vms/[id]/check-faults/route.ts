import { apiRoute, created } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { clearCheckFaults, forceCheckFailure } from '@/lib/domain/drills/checks';

type Params = { id: string };

export const POST = apiRoute<Params>(async (ctx) => created(await forceCheckFailure(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx))));

export const DELETE = apiRoute<Params>(async ({ db, actor, params, req }) => clearCheckFaults(db, actor, params.id, { checkId: req.nextUrl.searchParams.get('checkId') ?? undefined }));
