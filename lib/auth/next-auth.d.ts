import type { Role } from '@/db/schema';

// What our session JWT and session object carry (see lib/auth/options.ts callbacks).
declare module 'next-auth' {
  interface User {
    id: string;
    email: string;
    name: string;
    role: Role;
    tenantId: string | null;
  }
  interface Session {
    user: { id: string; email: string; name: string; role: Role; tenantId: string | null };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    userId?: string;
    role?: Role;
    tenantId?: string | null;
    /** Epoch seconds (with milliseconds) of the password (and code) check; caps the session's
     * total life and ends it when the password changes after it. */
    authTime?: number;
    /** users.session_version at sign-in; a bump ends the session (lib/auth/session-version.ts). */
    sessionVersion?: number;
    /** This session's random id: signing out records it as ended (lib/auth/session-version.ts). */
    sid?: string;
  }
}
