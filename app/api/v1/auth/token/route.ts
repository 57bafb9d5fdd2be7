import { apiRoute, created, noContent } from '@/lib/api/handler';
import { verifyCredentials } from '@/lib/auth/credentials';
import { sourceIpOf, userAgentOf } from '@/lib/auth/request-meta';
import { bearerTokenOf } from '@/lib/auth/resolve-actor';
import { tokenRequestSchema } from '@/lib/auth/schemas';
import { parseInput } from '@/lib/domain/core/validate';
import { issueSignInToken, revokePresentedToken } from '@/lib/domain/accounts/tokens';

/** Sign in for scripts: email + password (+ otp) → a bearer token. */
export const POST = apiRoute(
  async ({ req, db, json }) => {
    const input = parseInput(tokenRequestSchema, await json());
    const sourceIp = sourceIpOf(req.headers);
    const user = await verifyCredentials(db, input, { sourceIp, channel: 'api', userAgent: userAgentOf(req.headers) });
    return created(issueSignInToken(db, user, { name: input.name, sourceIp, scope: input.scope }));
  },
  { public: true },
);

/** Sign out for scripts: revokes the token presented in the Authorization header. */
export const DELETE = apiRoute(async ({ req, db, actor }) => {
  revokePresentedToken(db, actor, bearerTokenOf(req));
  return noContent();
});
