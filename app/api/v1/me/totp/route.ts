import { apiRoute, created, noContent } from '@/lib/api/handler';
import { beginTotpEnrolment, confirmTotp, disableTotp } from '@/lib/domain/accounts/two-factor';

/** Begin enrolment (browser session, password again): a new secret and its otpauth:// URI (for a QR code). Not yet active. */
export const POST = apiRoute(async ({ db, actor, json }) => created(await beginTotpEnrolment(db, actor, await json())));

/** Confirm with a code from the app: two-factor is on from now; the ten recovery codes are in the answer, once. */
export const PUT = apiRoute(async ({ db, actor, json }) => confirmTotp(db, actor, await json()));

/** Turn two-factor off; needs the password and a current code (or a recovery code). */
export const DELETE = apiRoute(async ({ db, actor, json }) => {
  await disableTotp(db, actor, await json());
  return noContent();
});
