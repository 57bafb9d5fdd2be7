import { apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { previewRun } from '@/lib/domain/recovery/runs';

/** The pre-flight review of a run (same body as the start), read-only: nothing starts. */
export const POST = apiRoute(async (ctx) => {
  const tenantId = ctx.req.nextUrl.searchParams.get('tenantId') ?? undefined;
  return previewRun(ctx.db, ctx.actor, await bodyOf(ctx), { tenantId });
});
