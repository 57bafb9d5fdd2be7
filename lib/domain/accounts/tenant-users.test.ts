import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { apiTokens, auditLog, users } from '@/db/schema';
import { findTokenOwner, insertApiToken } from '@/lib/auth/api-tokens';
import { verifyCredentials } from '@/lib/auth/credentials';
import { verifyPassword } from '@/lib/auth/password';
import { resetAuthRateLimits } from '@/lib/auth/rate-limit';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import type { Actor } from '@/lib/core/actor';
import { changeOwnPassword } from './password';
import { generateInitialPassword, inviteUser, listTenantUsers, resetUserPassword, updateTenantUser } from './tenant-users';

let db: DB;
beforeAll(async () => {
  db = await seededTestDb();
});

const STAFF_FOR_ACME: Actor = { ...STAFF, tenantId: 'ten_acme', actingForTenant: true };
let seq = 0;
const fresh = (role: 'user' | 'client_admin' = 'user', actor: Actor = ACME_ADMIN) =>
  inviteUser(db, actor, { name: `Person ${++seq}`, email: `person${seq}@acme.test`, role });
const usersSnapshot = () => JSON.stringify(db.select().from(users).all()) + JSON.stringify(db.select().from(apiTokens).all());
const auditOf = (targetId: string) => db.select().from(auditLog).where(eq(auditLog.targetId, targetId)).all();
const rejects = (status: number, extra: Record<string, unknown> = {}) => expect.objectContaining({ status, ...extra });

describe('listTenantUsers', () => {
  it("lists the administrator's own tenant only, without secrets", () => {
    const acme = listTenantUsers(db, ACME_ADMIN);
    expect(acme.map((u) => u.email).sort()).toEqual(['admin2@acme.test', 'admin@acme.test', 'user@acme.test']);
    expect(Object.keys(acme[0]).sort()).toEqual(['disabled', 'email', 'id', 'lastSignInAt', 'name', 'role', 'totpEnabled']);
    expect(listTenantUsers(db, GLOBEX_ADMIN).every((u) => u.email.endsWith('@globex.test'))).toBe(true);
    // A client admin naming another tenant is still pinned to theirs.
    expect(listTenantUsers(db, GLOBEX_ADMIN, { tenantId: 'ten_acme' }).every((u) => u.email.endsWith('@globex.test'))).toBe(true);
  });

  it('refuses a user (403) and staff outside a tenant (400); staff act for one or name it', () => {
    expect(() => listTenantUsers(db, ACME_USER)).toThrow(rejects(403));
    expect(() => listTenantUsers(db, STAFF)).toThrow(rejects(400));
    expect(listTenantUsers(db, STAFF_FOR_ACME)).toHaveLength(3);
    expect(listTenantUsers(db, STAFF, { tenantId: 'ten_globex' }).every((u) => u.email.endsWith('@globex.test'))).toBe(true);
    expect(() => listTenantUsers(db, STAFF, { tenantId: 'ten_nope' })).toThrow(rejects(404));
  });
});

describe('generateInitialPassword', () => {
  it('is random, 20 unambiguous symbols in groups of four', () => {
    const a = generateInitialPassword();
    expect(a).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){4}$/);
    expect(new Set(Array.from({ length: 50 }, generateInitialPassword)).size).toBe(50);
  });
});

describe('inviteUser', () => {
  it('creates a user of the actor tenant with a one-time password stored only as an argon2id hash, audited', async () => {
    const { user, initialPassword } = await inviteUser(db, ACME_ADMIN, { name: '  Jo Bloggs ', email: ' Jo.Bloggs@Acme.TEST ', role: 'client_admin' });
    expect(user).toMatchObject({ name: 'Jo Bloggs', email: 'jo.bloggs@acme.test', role: 'client_admin', disabled: false, lastSignInAt: null });
    const row = db.select().from(users).where(eq(users.id, user.id)).get()!;
    expect(row.tenantId).toBe('ten_acme');
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(initialPassword);
    expect(await verifyPassword(row.passwordHash, initialPassword)).toBe(true);
    const [entry] = auditOf(user.id);
    expect(entry).toMatchObject({ action: 'user.invite', tenantId: 'ten_acme', actorId: ACME_ADMIN.userId, outcome: 'success' });
    expect(entry.details).toEqual({ after: { name: 'Jo Bloggs', email: 'jo.bloggs@acme.test', role: 'client_admin' } });
    expect(JSON.stringify(entry.details)).not.toContain(initialPassword);
  });

  it('defaults to the user role; staff invite for the tenant they act for or name', async () => {
    expect((await inviteUser(db, ACME_ADMIN, { name: 'Default', email: 'default@acme.test' })).user.role).toBe('user');
    const viaStaff = await inviteUser(db, STAFF_FOR_ACME, { name: 'By staff', email: 'bystaff@acme.test' });
    expect(db.select().from(users).where(eq(users.id, viaStaff.user.id)).get()!.tenantId).toBe('ten_acme');
    expect(auditOf(viaStaff.user.id)[0].actorRole).toBe('staff:acting-for-tenant');
    const named = await inviteUser(db, STAFF, { name: 'Named', email: 'named@globex.test', tenantId: 'ten_globex' });
    expect(listTenantUsers(db, GLOBEX_ADMIN).map((u) => u.id)).toContain(named.user.id);
    await expect(inviteUser(db, STAFF, { name: 'Nowhere', email: 'nowhere@x.test' })).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'tenantId' })] });
  });

  it('refuses an email taken in the tenant (409 naming the field), whatever its case; staff get the 409 for any tenant', async () => {
    const before = usersSnapshot();
    for (const email of ['user@acme.test', 'ADMIN@acme.test']) {
      await expect(inviteUser(db, ACME_ADMIN, { name: 'Dup', email })).rejects.toMatchObject({ status: 409, extra: { errors: [expect.objectContaining({ field: 'email' })] } });
    }
    await expect(inviteUser(db, STAFF_FOR_ACME, { name: 'Dup', email: 'ADMIN@globex.test' })).rejects.toMatchObject({ status: 409 });
    expect(usersSnapshot()).toBe(before);
  });

  it('an email of another tenant is answered as a free one, and nothing is created or changed (no enumeration)', async () => {
    const before = usersSnapshot();
    const r = await inviteUser(db, ACME_ADMIN, { name: 'Dup', email: 'ADMIN@globex.test' });
    expect(r).toMatchObject({ user: { email: 'admin@globex.test', role: 'user' }, initialPassword: expect.any(String) });
    expect(usersSnapshot()).toBe(before);
  });

  it('refuses a user role (403, audited as denied), another tenant (404) and bad input (400), changing nothing', async () => {
    const before = usersSnapshot();
    const denied = () => db.select().from(auditLog).where(and(eq(auditLog.action, 'denied:users:manage'), eq(auditLog.actorId, ACME_USER.userId))).all().reduce((n, a) => n + a.count, 0);
    const deniedBefore = denied();
    await expect(inviteUser(db, ACME_USER, { name: 'X', email: 'x@acme.test' })).rejects.toMatchObject({ status: 403 });
    expect(denied()).toBe(deniedBefore + 1);
    await expect(inviteUser(db, GLOBEX_ADMIN, { name: 'X', email: 'x@acme.test', tenantId: 'ten_acme' })).rejects.toMatchObject({ status: 404 });
    await expect(inviteUser(db, ACME_ADMIN, { name: '', email: 'not-an-email', role: 'staff' })).rejects.toMatchObject({
      status: 400,
      errors: expect.arrayContaining([expect.objectContaining({ field: 'name' }), expect.objectContaining({ field: 'email' }), expect.objectContaining({ field: 'role' })]),
    });
    expect(usersSnapshot()).toBe(before);
  });
});

describe('updateTenantUser', () => {
  it('changes the role, audited with before and after', async () => {
    const { user } = await fresh();
    expect(updateTenantUser(db, ACME_ADMIN, user.id, { role: 'client_admin' })).toMatchObject({ id: user.id, role: 'client_admin' });
    expect(updateTenantUser(db, ACME_ADMIN, user.id, { role: 'user' }).role).toBe('user');
    const entries = auditOf(user.id).filter((e) => e.action === 'user.role-change');
    expect(entries.map((e) => e.details)).toEqual([
      { email: user.email, before: { role: 'user' }, after: { role: 'client_admin' } },
      { email: user.email, before: { role: 'client_admin' }, after: { role: 'user' } },
    ]);
  });

  it('disabling revokes the API tokens in the same write; enabling restores sign-in but not tokens', async () => {
    const { user } = await fresh();
    // Tokens work once the invited user has chosen their own password (issue 19).
    db.update(users).set({ mustChangePassword: false }).where(eq(users.id, user.id)).run();
    const expiresAt = new Date(Date.now() + 3_600_000);
    const tokens = [insertApiToken(db, { userId: user.id, name: 'a', expiresAt }), insertApiToken(db, { userId: user.id, name: 'b', expiresAt })];
    const othersToken = insertApiToken(db, { userId: ACME_USER.userId, name: 'unrelated', expiresAt });
    expect(findTokenOwner(db, tokens[0].token)).not.toBeNull();

    expect(updateTenantUser(db, ACME_ADMIN, user.id, { disabled: true })).toMatchObject({ disabled: true });
    expect(db.select().from(users).where(eq(users.id, user.id)).get()!.disabledAt).toBeInstanceOf(Date);
    const rows = db.select().from(apiTokens).where(eq(apiTokens.userId, user.id)).all();
    expect(rows.every((t) => t.revokedAt instanceof Date)).toBe(true);
    expect(findTokenOwner(db, othersToken.token)).not.toBeNull();
    const disable = auditOf(user.id).find((e) => e.action === 'user.disable')!;
    expect(disable.details).toEqual({ email: user.email, before: { disabled: false }, after: { disabled: true }, revokedTokenIds: expect.arrayContaining(tokens.map((t) => t.id)) });

    expect(updateTenantUser(db, ACME_ADMIN, user.id, { disabled: false })).toMatchObject({ disabled: false });
    expect(db.select().from(users).where(eq(users.id, user.id)).get()!.disabledAt).toBeNull();
    expect(findTokenOwner(db, tokens[0].token)).toBeNull();
    expect(auditOf(user.id).find((e) => e.action === 'user.enable')!.details).toEqual({ email: user.email, before: { disabled: true }, after: { disabled: false } });
  });

  it('an admin cannot disable or demote themselves (422 naming the field)', async () => {
    const { user } = await fresh('client_admin');
    const self: Actor = { userId: user.id, email: user.email, role: 'client_admin', tenantId: 'ten_acme', via: 'session' };
    const before = usersSnapshot();
    expect(() => updateTenantUser(db, self, user.id, { disabled: true })).toThrow(rejects(422, { extra: expect.objectContaining({ errors: [expect.objectContaining({ field: 'disabled' })] }) }));
    expect(() => updateTenantUser(db, self, user.id, { role: 'user' })).toThrow(rejects(422, { extra: expect.objectContaining({ errors: [expect.objectContaining({ field: 'role' })] }) }));
    expect(usersSnapshot()).toBe(before);
    // Keeping one's own role is harmless.
    expect(updateTenantUser(db, self, user.id, { role: 'client_admin' }).role).toBe('client_admin');
  });

  it('the tenant keeps at least one active client admin', async () => {
    // Globex has one admin; staff acting for Globex try to remove them.
    const staffForGlobex: Actor = { ...STAFF, tenantId: 'ten_globex', actingForTenant: true };
    const before = usersSnapshot();
    expect(() => updateTenantUser(db, staffForGlobex, GLOBEX_ADMIN.userId, { disabled: true })).toThrow(
      rejects(422, { message: expect.stringContaining('only active client administrator'), extra: expect.objectContaining({ errors: [expect.objectContaining({ field: 'disabled' })] }) }),
    );
    expect(() => updateTenantUser(db, staffForGlobex, GLOBEX_ADMIN.userId, { role: 'user' })).toThrow(rejects(422, { extra: expect.objectContaining({ errors: [expect.objectContaining({ field: 'role' })] }) }));
    expect(usersSnapshot()).toBe(before);

    // A second admin, disabled, does not count; once enabled the first may be demoted.
    const { user: second } = await inviteUser(db, staffForGlobex, { name: 'Second', email: 'second@globex.test', role: 'client_admin' });
    updateTenantUser(db, staffForGlobex, second.id, { disabled: true });
    expect(() => updateTenantUser(db, staffForGlobex, GLOBEX_ADMIN.userId, { role: 'user' })).toThrow(rejects(422));
    updateTenantUser(db, staffForGlobex, second.id, { disabled: false });
    expect(updateTenantUser(db, staffForGlobex, GLOBEX_ADMIN.userId, { role: 'user' }).role).toBe('user');
    // ...and now the second is the last one.
    expect(() => updateTenantUser(db, staffForGlobex, second.id, { disabled: true })).toThrow(rejects(422));
    updateTenantUser(db, staffForGlobex, GLOBEX_ADMIN.userId, { role: 'client_admin' });
  });

  it('another tenant user or a staff account is not found (404) before the body is read; a user role is refused (403)', async () => {
    const { user } = await fresh();
    const before = usersSnapshot();
    expect(() => updateTenantUser(db, GLOBEX_ADMIN, user.id, { disabled: true })).toThrow(rejects(404));
    expect(() => updateTenantUser(db, GLOBEX_ADMIN, user.id, { role: 'nonsense' })).toThrow(rejects(404));
    expect(() => updateTenantUser(db, ACME_ADMIN, STAFF.userId, { disabled: true })).toThrow(rejects(404));
    expect(() => updateTenantUser(db, ACME_ADMIN, 'usr_nope', { disabled: true })).toThrow(rejects(404));
    expect(() => updateTenantUser(db, ACME_USER, user.id, { role: 'nonsense' })).toThrow(rejects(403));
    expect(() => updateTenantUser(db, ACME_USER, ACME_ADMIN.userId, { disabled: true })).toThrow(rejects(403));
    expect(usersSnapshot()).toBe(before);
  });

  it('bad input is a 400 naming the field and changes nothing; staff may never be made', async () => {
    const { user } = await fresh();
    const before = usersSnapshot();
    expect(() => updateTenantUser(db, ACME_ADMIN, user.id, { role: 'staff' })).toThrow(rejects(400, { errors: [expect.objectContaining({ field: 'role' })] }));
    expect(() => updateTenantUser(db, ACME_ADMIN, user.id, { disabled: 'maybe' })).toThrow(rejects(400, { errors: [expect.objectContaining({ field: 'disabled' })] }));
    // A JSON string is not a boolean: "true" would disable, and so, read loosely, could "false".
    expect(() => updateTenantUser(db, ACME_ADMIN, user.id, { disabled: 'true' })).toThrow(rejects(400, { errors: [expect.objectContaining({ field: 'disabled' })] }));
    expect(() => updateTenantUser(db, ACME_ADMIN, user.id, {})).toThrow(rejects(400));
    expect(usersSnapshot()).toBe(before);
    expect(auditOf(user.id).map((e) => e.action)).toEqual(['user.invite']);
  });

  it('staff without a tenant manage any tenant user by id', async () => {
    const { user } = await fresh();
    expect(updateTenantUser(db, STAFF, user.id, { role: 'client_admin' }).role).toBe('client_admin');
  });
});

describe('resetUserPassword', () => {
  const mustChange = (id: string) => db.select({ m: users.mustChangePassword }).from(users).where(eq(users.id, id)).get()!.m;
  const hashOf = (id: string) => db.select({ h: users.passwordHash }).from(users).where(eq(users.id, id)).get()!.h;

  it('gives a new one-time password, ends their sessions, asks them to choose their own; audited', async () => {
    const { user, initialPassword: first } = await fresh();
    expect(mustChange(user.id)).toBe(true);
    const { initialPassword } = await resetUserPassword(db, ACME_ADMIN, user.id);
    expect(initialPassword).not.toBe(first);
    expect(await verifyPassword(hashOf(user.id), initialPassword)).toBe(true);
    expect(await verifyPassword(hashOf(user.id), first)).toBe(false);
    const row = db.select({ changedAt: users.passwordChangedAt }).from(users).where(eq(users.id, user.id)).get()!;
    expect(row.changedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(mustChange(user.id)).toBe(true);
    expect(auditOf(user.id).map((a) => a.action)).toContain('user.password-reset');

    // Choosing their own clears the prompt.
    const self: Actor = { userId: user.id, email: user.email, role: 'user', tenantId: 'ten_acme', via: 'session' };
    await changeOwnPassword(db, self, { currentPassword: initialPassword, newPassword: 'my own long passphrase' });
    expect(mustChange(user.id)).toBe(false);
  });

  it('is for other people of the tenant: not yourself or a disabled account (422), another tenant (404), a user role (403)', async () => {
    const { user } = await fresh();
    const before = usersSnapshot();
    await expect(resetUserPassword(db, ACME_ADMIN, ACME_ADMIN.userId)).rejects.toEqual(rejects(422));
    await expect(resetUserPassword(db, GLOBEX_ADMIN, user.id)).rejects.toEqual(rejects(404));
    await expect(resetUserPassword(db, ACME_USER, user.id)).rejects.toEqual(rejects(403));
    updateTenantUser(db, ACME_ADMIN, user.id, { disabled: true });
    const afterDisable = usersSnapshot();
    await expect(resetUserPassword(db, ACME_ADMIN, user.id)).rejects.toEqual(rejects(422));
    expect(usersSnapshot()).toBe(afterDisable);
    expect(before).not.toBe(afterDisable);
  });

  it('staff acting for the tenant may reset its users', async () => {
    const { user } = await fresh();
    await expect(resetUserPassword(db, STAFF_FOR_ACME, user.id)).resolves.toMatchObject({ user: { id: user.id } });
  });
});

describe('one-time passwords lapse', () => {
  const DAY = 86_400_000;
  const signIn = (email: string, password: string) => verifyCredentials(db, { email, password }, { sourceIp: null, channel: 'web' });

  it('after seven days unless replaced; a reset gives seven more; the owner’s own password never lapses', async () => {
    resetAuthRateLimits();
    const { user, initialPassword } = await fresh();
    db.update(users).set({ createdAt: new Date(Date.now() - 6 * DAY) }).where(eq(users.id, user.id)).run();
    await expect(signIn(user.email, initialPassword)).resolves.toMatchObject({ id: user.id });
    db.update(users).set({ createdAt: new Date(Date.now() - 8 * DAY) }).where(eq(users.id, user.id)).run();
    await expect(signIn(user.email, initialPassword)).rejects.toMatchObject({ status: 403, extra: { code: 'password-expired' } });
    expect(auditOf(user.id).some((a) => a.action === 'auth.sign-in-failed' && JSON.stringify(a.details).includes('one-time-password-expired'))).toBe(true);

    const { initialPassword: fresh7 } = await resetUserPassword(db, ACME_ADMIN, user.id);
    await expect(signIn(user.email, fresh7)).resolves.toMatchObject({ id: user.id });

    const self: Actor = { userId: user.id, email: user.email, role: 'user', tenantId: 'ten_acme', via: 'session' };
    await changeOwnPassword(db, self, { currentPassword: fresh7, newPassword: 'a passphrase of my own' });
    db.update(users).set({ passwordChangedAt: new Date(Date.now() - 400 * DAY) }).where(eq(users.id, user.id)).run();
    await expect(signIn(user.email, 'a passphrase of my own')).resolves.toMatchObject({ id: user.id });
  });
});

