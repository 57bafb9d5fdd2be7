import { apiRoute } from '@/lib/api/handler';
import { parseInput } from '@/lib/domain/core/validate';
import { ssoProviderForEmail } from '@/lib/domain/sso/sign-in';
import { ssoLookupSchema } from '@/lib/schemas/sso';

/**
 * "Sign in with your organisation": which next-auth provider an email's domain signs in with,
 * or null. The id is random and names no tenant; the answer depends on the domain only, never on
 * whether the address has an account.
 */
export const GET = apiRoute(
  async ({ req, db }) => {
    const { email } = parseInput(ssoLookupSchema, Object.fromEntries(req.nextUrl.searchParams));
    return { provider: ssoProviderForEmail(db, email) };
  },
  { public: true },
);
