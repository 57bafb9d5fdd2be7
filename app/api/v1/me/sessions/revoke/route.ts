import { apiRoute, noContent } from '@/lib/api/handler';
import { signOutEverywhere } from '@/lib/domain/accounts/sessions';

/** Sign out everywhere: every browser session of the caller ends, this one included. */
export const POST = apiRoute(async ({ db, actor }) => {
  signOutEverywhere(db, actor);
  return noContent();
});
