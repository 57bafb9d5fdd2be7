import { apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { faultInjector } from '@/lib/domain/staff/fault-injector';
import { setSiteDegradation } from '@/lib/domain/staff/sites-faults';

/**
 * `{ "storageIopsPercent": 1..100, "hostsDown": 0.. }`: degrade a site (slower storage, hosts
 * down) in the simulator, or restore it with 100 and 0. Staff only.
 */
export const POST = apiRoute<{ id: string }>(async (ctx) => {
  const body = await bodyOf(ctx);
  return setSiteDegradation(ctx.db, ctx.actor, await faultInjector(ctx.db), ctx.params.id, body);
});
