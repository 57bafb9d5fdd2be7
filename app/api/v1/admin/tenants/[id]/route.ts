import { apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { getTenantDetail, updateTenant } from '@/lib/domain/staff/tenants';

type Params = { id: string };

/** One tenant with its vDCs, dedicated storage volumes and counts. */
export const GET = apiRoute<Params>(async ({ db, actor, params }) => getTenantDetail(db, actor, params.id));

/** Edit, or suspend/reactivate with `{ "status": "suspended" | "active" }`. */
export const PATCH = apiRoute<Params>(async (ctx) => updateTenant(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx)));
