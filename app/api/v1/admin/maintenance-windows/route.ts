import { apiRoute, created } from '@/lib/api/handler';
import { bodyOf, queryOf } from '@/lib/api/request-input';
import { createMaintenance, listMaintenance } from '@/lib/domain/staff/maintenance';

/** `?when=upcoming|past|all` (default all: upcoming soonest first, then past). */
export const GET = apiRoute(async ({ db, actor, req }) => ({ items: await listMaintenance(db, actor, queryOf(req)) }));

export const POST = apiRoute(async (ctx) => created(await createMaintenance(ctx.db, ctx.actor, await bodyOf(ctx))));
