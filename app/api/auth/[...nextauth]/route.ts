import type { NextRequest } from 'next/server';
import NextAuth from 'next-auth';
import { authOptionsForRequest } from '@/lib/domain/sso/next-auth';

// Sessions depend on cookies and the secret on disk: never prerender.
export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are resolved per request: the cached credentials options (lib/auth/options.ts) plus
// the single sign-on providers configured in the database (lib/domain/sso/next-auth.ts).
async function handler(req: NextRequest, ctx: Ctx) {
  const built = await authOptionsForRequest(req);
  if ('problem' in built) {
    // The provider's discovery failed: back to the login page with the reason (JSON for
    // next-auth/react's signIn(), which posts with json=true and follows `url`).
    const url = `/login?error=${built.problem}`;
    if (req.method === 'POST') return Response.json({ url });
    return new Response(null, { status: 302, headers: { location: url } });
  }
  return NextAuth(req, ctx, built.options);
}

export { handler as GET, handler as POST };
