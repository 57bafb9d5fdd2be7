import { apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { setUnitPrices } from '@/lib/domain/resources/resources';

type Params = { tenantId: string };

/** Set the tenant's monthly unit prices (pence per GHz, per GB of memory, per GB of storage). */
export const PUT = apiRoute<Params>(async (ctx) => setUnitPrices(ctx.db, ctx.actor, ctx.params.tenantId, await bodyOf(ctx)));
