import { apiRoute, created } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { createVdc, listVdcs } from '@/lib/domain/staff/vdcs';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ db, actor, params }) => ({ items: listVdcs(db, actor, params.id) }));

export const POST = apiRoute<Params>(async (ctx) => created(createVdc(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx))));
