import { apiRoute, created } from '@/lib/api/handler';
import { bodyOf, queryOf } from '@/lib/api/request-input';
import { inviteUser, listTenantUsers } from '@/lib/domain/accounts/tenant-users';

/** Staff act for a tenant or name it with `?tenantId=`. */
export const GET = apiRoute(async ({ db, actor, req }) => ({ items: listTenantUsers(db, actor, queryOf(req)) }));

/** `initialPassword` is in this answer only: there is no mail, the administrator hands it over. */
export const POST = apiRoute(async (ctx) => created(await inviteUser(ctx.db, ctx.actor, await bodyOf(ctx))));
