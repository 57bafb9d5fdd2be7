import { apiRoute, created } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { addRequestComment, getServiceRequest } from '@/lib/domain/staff/service-requests';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ db, actor, params }) => ({ items: (await getServiceRequest(db, actor, params.id)).comments }));

export const POST = apiRoute<Params>(async (ctx) => created(await addRequestComment(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx))));
