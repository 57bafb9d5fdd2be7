import { apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { updateServiceRequest } from '@/lib/domain/staff/service-request-update';
import { getServiceRequest } from '@/lib/domain/staff/service-requests';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ db, actor, params }) => getServiceRequest(db, actor, params.id));

/** Staff: `assignedTo`, `status` (resolving applies a grow/shrink), `note`. Clients: cancel only. */
export const PATCH = apiRoute<Params>(async (ctx) => updateServiceRequest(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx)));
