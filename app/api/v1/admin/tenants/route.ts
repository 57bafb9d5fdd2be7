import { apiRoute, created } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { createTenant, listTenants } from '@/lib/domain/staff/tenants';

export const GET = apiRoute(async ({ db, actor }) => ({ items: listTenants(db, actor) }));

export const POST = apiRoute(async (ctx) => created(await createTenant(ctx.db, ctx.actor, await bodyOf(ctx))));
