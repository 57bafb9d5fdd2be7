import { apiRoute, created } from '@/lib/api/handler';
import { bodyOf, queryOf } from '@/lib/api/request-input';
import { createServiceRequest, listServiceRequests } from '@/lib/domain/staff/service-requests';

/** Clients list their tenant's requests; staff the whole queue (`?tenantId=`, `?status=active`). */
export const GET = apiRoute(async ({ db, actor, req }) => ({ items: await listServiceRequests(db, actor, queryOf(req)) }));

/** client_admin (or staff naming `tenantId`) raises a request; 201 with its response deadline. */
export const POST = apiRoute(async (ctx) => created(await createServiceRequest(ctx.db, ctx.actor, await bodyOf(ctx))));
