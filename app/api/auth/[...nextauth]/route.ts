import type { NextRequest } from 'next/server';
import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';

// Sessions depend on cookies and the secret on disk: never prerender.
export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are resolved per request (lazily, once) rather than at import, see lib/auth/options.ts.
function handler(req: NextRequest, ctx: Ctx) {
  return NextAuth(req, ctx, authOptions());
}

export { handler as GET, handler as POST };
