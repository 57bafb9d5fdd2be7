import { apiRoute } from '@/lib/api/handler';
import { bodyOf } from '@/lib/api/request-input';
import { updateTenantUser } from '@/lib/domain/accounts/tenant-users';

export const PATCH = apiRoute<{ id: string }>(async (ctx) => updateTenantUser(ctx.db, ctx.actor, ctx.params.id, await bodyOf(ctx)));
