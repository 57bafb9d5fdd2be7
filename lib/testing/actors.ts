import type { Actor } from '@/lib/core/actor';

/** Actors of the demo seed (lib/seed/demo.ts), for domain tests that skip authentication. */
export const ACME_ADMIN: Actor = { userId: 'usr_admin_acme', email: 'admin@acme.test', role: 'client_admin', tenantId: 'ten_acme', via: 'session' };
export const ACME_USER: Actor = { userId: 'usr_user_acme', email: 'user@acme.test', role: 'user', tenantId: 'ten_acme', via: 'session' };
export const GLOBEX_ADMIN: Actor = { userId: 'usr_admin_globex', email: 'admin@globex.test', role: 'client_admin', tenantId: 'ten_globex', via: 'session' };
export const STAFF: Actor = { userId: 'usr_staff_calligo', email: 'staff@calligo.test', role: 'staff', tenantId: null, via: 'session' };
