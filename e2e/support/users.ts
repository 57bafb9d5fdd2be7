import type { Role } from '@/lib/schemas/users';

/** The demo users of shared/API.md, all created by the seed on first start. */
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'demo-password';

export type DemoUser = { email: string; role: Role; tenant: string | null; stateFile: string };

/** Files are named by role for Acme's users and staff; Globex's admin is the "other tenant". */
export const DEMO_USERS = {
  acmeAdmin: { email: 'admin@acme.test', role: 'client_admin', tenant: 'Acme', stateFile: 'client_admin' },
  acmeUser: { email: 'user@acme.test', role: 'user', tenant: 'Acme', stateFile: 'user' },
  globexAdmin: { email: 'admin@globex.test', role: 'client_admin', tenant: 'Globex', stateFile: 'globex-client_admin' },
  staff: { email: 'staff@calligo.test', role: 'staff', tenant: null, stateFile: 'staff' },
} as const satisfies Record<string, DemoUser>;

export type DemoUserKey = keyof typeof DEMO_USERS;

/**
 * Signed-in browser state saved by e2e/auth.setup.ts, one per demo user
 * (e2e/.auth/client_admin.json, user.json, staff.json, globex-client_admin.json):
 * `test.use({ storageState: storageStateFor('acmeAdmin') })`.
 */
export function storageStateFor(key: DemoUserKey): string {
  return `e2e/.auth/${DEMO_USERS[key].stateFile}.json`;
}
