import { apiRoute, noContent } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { deleteVdc, updateVdc } from '@/lib/domain/staff/vdcs';

type Params = { id: string; vdcId: string };

export const PATCH = apiRoute<Params>(async (ctx) => updateVdc(ctx.db, ctx.actor, ctx.params.id, ctx.params.vdcId, await bodyOf(ctx)));

export const DELETE = apiRoute<Params>(async ({ db, actor, params }) => {
  deleteVdc(db, actor, params.id, params.vdcId);
  return noContent();
});
