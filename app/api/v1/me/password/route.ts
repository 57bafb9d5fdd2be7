import { apiRoute } from '@/lib/api/handler';
import { changeOwnPassword } from '@/lib/domain/accounts/password';

/** Change your own password; every session, this one included, must sign in again. */
export const PUT = apiRoute(async ({ db, actor, json }) => changeOwnPassword(db, actor, await json()));
