import { apiRoute } from '@/lib/api/handler';
import { resetUserTotp } from '@/lib/domain/accounts/two-factor';

/** Turns off the two-factor authentication of a user who lost their device and recovery codes (audited; they are told). */
export const POST = apiRoute<{ id: string }>(async (ctx) => resetUserTotp(ctx.db, ctx.actor, ctx.params.id));
