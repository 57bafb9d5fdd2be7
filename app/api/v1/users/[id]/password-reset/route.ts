import { apiRoute } from '@/lib/api/handler';
import { resetUserPassword } from '@/lib/domain/accounts/tenant-users';

/** A new one-time password for a user of your organisation, shown once; their sessions end. */
export const POST = apiRoute<{ id: string }>(async (ctx) => resetUserPassword(ctx.db, ctx.actor, ctx.params.id));
