import { apiRoute } from '@/lib/api/handler';
import { countSsoLookup } from '@/lib/auth/rate-limit';
import { sourceIpOf } from '@/lib/auth/request-meta';
import { parseInput } from '@/lib/domain/core/validate';
import { ssoProviderForEmail } from '@/lib/domain/sso/sign-in';
import { ssoLookupSchema } from '@/lib/schemas/sso';

/**
 * "Sign in with your organisation": which next-auth provider an email's domain signs in with,
 * or null. The id is random and names no tenant; the answer depends on the domain only, never on
 * whether the address has an account.
 *
 * What it reveals, necessarily (the browser must know where to send the person): whether a
 * domain signs in with SSO, and which look-ups share one provider id. Known and unknown domains
 * answer the same shape ({ provider } with an id or null), the same status and after the same one
 * indexed query. Public, so throttled per trusted client address (SSO_LOOKUP_BUDGET a minute,
 * then 429 with Retry-After) against enumerating domains.
 */
export const GET = apiRoute(
  async ({ req, db }) => {
    await countSsoLookup(sourceIpOf(req.headers));
    const { email } = parseInput(ssoLookupSchema, Object.fromEntries(req.nextUrl.searchParams));
    return { provider: ssoProviderForEmail(db, email) };
  },
  { public: true },
);
