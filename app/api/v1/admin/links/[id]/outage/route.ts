import { apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { faultInjector } from '@/lib/domain/staff/fault-injector';
import { setLinkOutage } from '@/lib/domain/staff/sites-faults';

/** `{ "down": true | false }`: cut the inter-site link in the simulator or restore it. */
export const POST = apiRoute<{ id: string }>(async (ctx) => {
  const body = await bodyOf(ctx);
  return setLinkOutage(ctx.db, ctx.actor, await faultInjector(ctx.db), ctx.params.id, body);
});
