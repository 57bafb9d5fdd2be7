import { apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { faultInjector } from '@/lib/domain/staff/fault-injector';
import { setSiteOutage } from '@/lib/domain/staff/sites-faults';

/** `{ "down": true | false }`: take the site down in the simulator or bring it back. */
export const POST = apiRoute<{ id: string }>(async (ctx) => {
  const body = await bodyOf(ctx);
  return setSiteOutage(ctx.db, ctx.actor, await faultInjector(ctx.db), ctx.params.id, body);
});
