import type { Actor } from '@/lib/core/actor';

/** Actors of the demo seed (lib/seed/demo.ts), for domain tests that skip authentication. */
export const ACME_ADMIN: Actor = { userId: 'usr_admin_acme', email: 'admin@acme.test', role: 'client_admin', tenantId: 'ten_acme', via: 'session' };
export const ACME_USER: Actor = { userId: 'usr_user_acme', email: 'user@acme.test', role: 'user', tenantId: 'ten_acme', via: 'session' };
export const GLOBEX_ADMIN: Actor = { userId: 'usr_admin_globex', email: 'admin@globex.test', role: 'client_admin', tenantId: 'ten_globex', via: 'session' };
export const STAFF: Actor = { userId: 'usr_staff_calligo', email: 'staff@calligo.test', role: 'staff', tenantId: null, via: 'session' };
/** Acme's second administrator: the other pair of eyes of four-eyes approval. */
export const ACME_ADMIN2: Actor = { userId: 'usr_admin2_acme', email: 'admin2@acme.test', role: 'client_admin', tenantId: 'ten_acme', via: 'session' };
/** Staff working in Acme's portal on its behalf. */
export const STAFF_FOR_ACME: Actor = { ...STAFF, tenantId: 'ten_acme', actingForTenant: true };
