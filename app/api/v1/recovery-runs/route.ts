import { accepted, apiRoute } from '@/lib/api/handler';
import { bodyOf, queryOf } from '@/lib/api/request-input';
import { listRuns, startRun } from '@/lib/domain/recovery/runs';

/** Recovery runs newest first: `?status&limit&cursor` (staff: `&tenantId`). */
export const GET = apiRoute(async ({ db, actor, req }) => listRuns(db, actor, queryOf(req)));

/**
 * Starts a run over several groups (by `groupIds`, every group replicating from `sourceSiteId`,
 * or a saved `planId`) → 202 with the run; 422 with every failed check; 409 when a group is busy.
 * Staff act for a tenant with `?tenantId=`.
 */
export const POST = apiRoute(async (ctx) => {
  const tenantId = ctx.req.nextUrl.searchParams.get('tenantId') ?? undefined;
  return accepted(await startRun(ctx.db, ctx.actor, await bodyOf(ctx), { tenantId }));
});
