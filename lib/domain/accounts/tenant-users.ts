import 'server-only';
import { and, asc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { tenants, users } from '@/db/schema';
import type { Role } from '@/lib/schemas/users';
import { hashPassword } from '@/lib/auth/password';
import { generateInitialPassword } from '@/lib/auth/initial-password';
import { revokeAllTokensOf } from '@/lib/auth/api-tokens';
import { bumpSessionVersion } from '@/lib/auth/session-version';
import { newId } from '@/lib/ids';
import { inviteUserSchema, listUsersQuerySchema, updateUserSchema } from '@/lib/schemas/users';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { isoOrNull } from '@/lib/domain/core/clock';
import { ConflictError, DomainError, NotFoundError, ValidationError, type FieldError } from '@/lib/core/errors';
import { parseBody, peekString } from '@/lib/domain/core/input';
import { parseInput } from '@/lib/domain/core/validate';

export type TenantUserDto = {
  id: string;
  name: string;
  email: string;
  role: Role;
  totpEnabled: boolean;
  disabled: boolean;
  lastSignInAt: string | null;
};

export type InvitedUser = { user: TenantUserDto; initialPassword: string };

const TARGET = 'user';

const columns = {
  id: users.id, name: users.name, email: users.email, role: users.role, totpEnabled: users.totpEnabled,
  disabledAt: users.disabledAt, lastSignInAt: users.lastSignInAt,
};

type Row = { id: string; name: string; email: string; role: Role; totpEnabled: boolean; disabledAt: Date | null; lastSignInAt: Date | null };

// Display columns only: never the password hash or the TOTP secret.
const toDto = ({ disabledAt, lastSignInAt, ...u }: Row): TenantUserDto => ({ ...u, disabled: disabledAt != null, lastSignInAt: isoOrNull(lastSignInAt) });

/** A rule of user management refused a well-formed request (422), naming the field it is about. */
export class UserRuleError extends DomainError {
  constructor(check: string, field: string, message: string) {
    super(422, 'Refused', message, { errors: [{ field, message }] satisfies FieldError[], checks: [{ check, message }] });
  }
}

/**
 * The tenant whose users the actor manages: a client admin's own (naming another is "not
 * found"); staff act for a tenant or name one.
 */
function managedTenant(db: Executor, actor: Actor, requested: string | undefined): string {
  if (actor.role !== 'staff') {
    const own = tenantScope(actor) as string;
    if (requested !== undefined && requested !== own) throw new NotFoundError('tenant', requested);
    return own;
  }
  const tenantId = tenantScope(actor, requested);
  if (!tenantId) throw new ValidationError([{ field: 'tenantId', message: 'Act for a tenant or name the tenant whose users to manage.' }]);
  if (!db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).get()) throw new NotFoundError('tenant', tenantId);
  return tenantId;
}

/**
 * The people of a tenant, for its client administrators (Settings, GET /users). Staff act for a
 * tenant or filter with `tenantId`.
 */
export function listTenantUsers(db: Executor, actor: Actor, query: unknown = {}): TenantUserDto[] {
  authorize(db, actor, 'users:manage', { type: TARGET });
  const requested = actor.role === 'staff' ? parseInput(listUsersQuerySchema, query).tenantId : undefined;
  const tenantId = managedTenant(db, actor, requested);
  return db.select(columns).from(users).where(eq(users.tenantId, tenantId)).orderBy(asc(users.name), asc(users.id)).all().map(toDto);
}

export { generateInitialPassword };

/** The account holding this email, if any (emails are unique across the whole service). */
const emailOwner = (db: Executor, email: string) =>
  db.select({ id: users.id, tenantId: users.tenantId }).from(users).where(eq(sql`lower(${users.email})`, email)).get();

function takenEmailError(email: string): ConflictError {
  return new ConflictError(`A user with the email ${email} already exists.`, { errors: [{ field: 'email', message: 'This email is already used by another account.' }] });
}

/**
 * Whether the actor may be told that this account exists: staff see every account; a client
 * administrator sees their own tenant's (GET /users lists them anyway). An account of another
 * tenant, or a provider staff account, is none of their business.
 */
const visibleTo = (actor: Actor, tenantId: string, owner: { tenantId: string | null }) => actor.role === 'staff' || owner.tenantId === tenantId;

/**
 * POST /users: a new user of the actor's tenant with a generated initial password, returned
 * here once (only its argon2id hash is stored). There is no mail: the admin hands it over.
 *
 * An email already used by an account the actor cannot see (another tenant's user, a staff
 * account) is answered exactly as a free one — 201, the same body with a new user id and a
 * one-time password, after the same password hashing — so the endpoint cannot be used to find
 * out who else is a customer of the provider. Nothing is created and the existing account is
 * not touched: the password opens nothing, the id is found nowhere (GET /users never lists it,
 * PATCH is a 404), and the person, who already has an account, tells the admin so. The attempt
 * is audited for the provider only (`user.invite-email-elsewhere`, no tenant). An email of the
 * actor's own tenant (or any, for staff) stays a 409 naming the field: they can see that account.
 */
export async function inviteUser(db: DB, actor: Actor, input: unknown): Promise<InvitedUser> {
  authorize(db, actor, 'users:manage', { type: TARGET });
  const tenantId = managedTenant(db, actor, peekString(input, 'tenantId'));
  const body = parseBody(inviteUserSchema, input);
  const owner = emailOwner(db, body.email);
  if (owner && visibleTo(actor, tenantId, owner)) throw takenEmailError(body.email);

  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  const id = newId('usr');
  const now = new Date();
  const answer = { user: toDto({ id, name: body.name, email: body.email, role: body.role, totpEnabled: false, disabledAt: null, lastSignInAt: null }), initialPassword };
  db.transaction((tx) => {
    // Checked again inside the write: another invite may have taken the email while we hashed.
    const taken = emailOwner(tx, body.email);
    if (taken && visibleTo(actor, tenantId, taken)) throw takenEmailError(body.email);
    if (taken) {
      audit(tx, actor, { action: 'user.invite-email-elsewhere', tenantId: null, outcome: 'denied', targetType: TARGET, targetId: taken.id, details: { email: body.email, tenantId } });
      return;
    }
    tx.insert(users).values({ id, tenantId, email: body.email, name: body.name, role: body.role, passwordHash, mustChangePassword: true, createdAt: now }).run();
    audit(tx, actor, { action: 'user.invite', tenantId, targetType: TARGET, targetId: id, details: { after: { name: body.name, email: body.email, role: body.role } } });
  });
  return answer;
}

/** The user with this id if the actor manages it: another tenant's user (or a staff account) is "not found". */
function findManagedUser(db: Executor, actor: Actor, id: string): Row & { tenantId: string } {
  const scope = tenantScope(actor);
  const row = db
    .select({ ...columns, tenantId: users.tenantId })
    .from(users)
    .where(and(eq(users.id, id), scope ? eq(users.tenantId, scope) : isNotNull(users.tenantId)))
    .get();
  if (!row?.tenantId) throw new NotFoundError('user', id);
  return { ...row, tenantId: row.tenantId };
}

const activeAdminsOtherThan = (db: Executor, tenantId: string, id: string) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, 'client_admin'), isNull(users.disabledAt), ne(users.id, id)))
    .get()?.n ?? 0;

/**
 * PATCH /users/{id}: change a user's role, disable or re-enable them. An admin cannot lock
 * themselves out, and a tenant always keeps one active client admin. Disabling also revokes the
 * user's API tokens; their sessions end at once (resolve-actor reads disabledAt every request).
 */
export function updateTenantUser(db: DB, actor: Actor, id: string, input: unknown): TenantUserDto {
  authorize(db, actor, 'users:manage', { type: TARGET, id });
  const before = findManagedUser(db, actor, id);
  const body = parseBody(updateUserSchema, input);
  const role = body.role ?? before.role;
  const disabled = body.disabled ?? before.disabledAt != null;

  const demoting = before.role === 'client_admin' && role !== 'client_admin';
  const disabling = before.disabledAt == null && disabled;
  if (id === actor.userId) {
    if (disabling) throw new UserRuleError('self-disable', 'disabled', 'You cannot disable your own account. Ask another administrator.');
    if (demoting) throw new UserRuleError('self-demote', 'role', 'You cannot remove your own administrator role. Ask another administrator.');
  }

  const now = new Date();
  return db.transaction((tx) => {
    const wasActiveAdmin = before.role === 'client_admin' && before.disabledAt == null;
    if (wasActiveAdmin && (demoting || disabling) && activeAdminsOtherThan(tx, before.tenantId, id) === 0) {
      const field = disabling ? 'disabled' : 'role';
      throw new UserRuleError('last-admin', field, `${before.name} is the only active client administrator: make someone else an administrator first.`);
    }
    if (role !== before.role) {
      tx.update(users).set({ role }).where(eq(users.id, id)).run();
      // The session's cookie carries the old role for the UI: sign in again with the new one.
      bumpSessionVersion(tx, id);
      audit(tx, actor, { action: 'user.role-change', tenantId: before.tenantId, targetType: TARGET, targetId: id, details: { email: before.email, before: { role: before.role }, after: { role } } });
    }
    if (disabled !== (before.disabledAt != null)) {
      tx.update(users).set({ disabledAt: disabled ? now : null }).where(eq(users.id, id)).run();
      // Re-enabling must not bring back the sessions that were open when the account was disabled.
      if (disabled) bumpSessionVersion(tx, id);
      const revoked = disabled ? revokeAllTokensOf(tx, id, now) : [];
      audit(tx, actor, {
        action: disabled ? 'user.disable' : 'user.enable', tenantId: before.tenantId, targetType: TARGET, targetId: id,
        details: { email: before.email, before: { disabled: !disabled }, after: { disabled }, ...(disabled ? { revokedTokenIds: revoked } : {}) },
      });
    }
    return toDto(tx.select(columns).from(users).where(eq(users.id, id)).get() as Row);
  });
}

/**
 * A provider staff account, for another staff member (password resets): the provider's own
 * accounts belong to no tenant, so findManagedUser never returns them. Client roles never reach
 * them (a staff account's id is "not found" to a client administrator, like another tenant's).
 */
function findStaffAccount(db: Executor, actor: Actor, id: string): (Row & { tenantId: null }) | null {
  if (actor.role !== 'staff') return null;
  const row = db.select(columns).from(users).where(and(eq(users.id, id), isNull(users.tenantId), eq(users.role, 'staff'))).get();
  return row ? { ...row, tenantId: null } : null;
}

/**
 * POST /users/{id}/password-reset: a person forgot their password. A new one-time password is
 * returned here once (the admin hands it over); the user's sessions end at once and they are
 * asked to choose their own at next sign-in; their API tokens are revoked. Your own password is
 * changed in Settings instead, with the current one. Client administrators reset their tenant's
 * users; staff reset a tenant's users and also another staff member's (audited with no tenant) —
 * never their own, so a stolen staff session cannot turn itself into a password nobody else knows.
 */
export async function resetUserPassword(db: DB, actor: Actor, id: string): Promise<InvitedUser> {
  authorize(db, actor, 'users:manage', { type: TARGET, id });
  const before = findStaffAccount(db, actor, id) ?? findManagedUser(db, actor, id);
  if (id === actor.userId) {
    const where = before.tenantId ? 'in Settings' : 'in Your account';
    throw new UserRuleError('self-reset', 'id', `You cannot reset your own password this way: change it ${where}, with your current one${before.tenantId ? '' : ', or ask another staff member to reset it'}.`);
  }
  if (before.disabledAt) throw new UserRuleError('disabled', 'id', `${before.name} is disabled: enable them first.`);
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  const at = new Date();
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash, passwordChangedAt: at, mustChangePassword: true }).where(eq(users.id, id)).run();
    // Whoever made the reset necessary may hold the old password's sessions and tokens: end them all.
    bumpSessionVersion(tx, id);
    const revokedTokenIds = revokeAllTokensOf(tx, id, at);
    audit(tx, actor, { action: 'user.password-reset', tenantId: before.tenantId, targetType: TARGET, targetId: id, details: { email: before.email, revokedTokenIds, ...(before.tenantId ? {} : { staffAccount: true }) } });
  });
  return { user: toDto(db.select(columns).from(users).where(eq(users.id, id)).get() as Row), initialPassword };
}

/** A staff account as the provider console lists it. */
export type StaffAccountDto = TenantUserDto & { mustChangePassword: boolean };

/** The provider's staff accounts, for the console (staff only): whose password another can reset. */
export function listStaffAccounts(db: Executor, actor: Actor): StaffAccountDto[] {
  authorize(db, actor, 'staff:manage', { type: TARGET });
  return db
    .select({ ...columns, mustChangePassword: users.mustChangePassword })
    .from(users)
    .where(and(isNull(users.tenantId), eq(users.role, 'staff')))
    .orderBy(asc(users.name), asc(users.id))
    .all()
    .map(({ mustChangePassword, ...row }) => ({ ...toDto(row), mustChangePassword }));
}
