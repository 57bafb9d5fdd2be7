import { apiRoute, created } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { createTestSchedule, listTestSchedules } from '@/lib/domain/drills/schedules';

const tenantOf = (req: { nextUrl: URL }) => req.nextUrl.searchParams.get('tenantId') ?? undefined;

export const GET = apiRoute(async ({ db, actor, req }) => listTestSchedules(db, actor, { tenantId: tenantOf(req) }));

// Staff name the tenant with ?tenantId= unless acting for one.
export const POST = apiRoute(async (ctx) => created(await createTestSchedule(ctx.db, ctx.actor, await bodyOf(ctx), { tenantId: tenantOf(ctx.req) })));
