import { apiRoute, created } from '@/lib/api/handler';
import { regenerateRecoveryCodes, twoFactorStatus } from '@/lib/domain/accounts/two-factor';

/** Whether two-factor is on and how many recovery codes are left (never the codes themselves). */
export const GET = apiRoute(async ({ db, actor }) => twoFactorStatus(db, actor));

/** Ten new recovery codes, shown once (the old ones stop working); needs a current code from the app. */
export const POST = apiRoute(async ({ db, actor, json }) => created(await regenerateRecoveryCodes(db, actor, await json())));
