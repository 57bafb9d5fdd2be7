import fs from 'node:fs';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '@/db/client';
import { auditLog, siteLinks, sites, tenants, users } from '@/db/schema';
import { verifyCredentials } from '@/lib/auth/credentials';
import { resetAuthRateLimits } from '@/lib/auth/rate-limit';
import { changeOwnPassword } from '@/lib/domain/accounts/password';
import { getTenantHeader } from '@/lib/domain/accounts/tenant-context';
import type { Actor } from '@/lib/core/actor';
import { testTempDir } from '@/lib/testing/db';
import { INITIAL_ADMIN_PASSWORD_FILE, seedFirstStart, type FirstStartOptions } from './first-start';

let dir: string;
let file: string;
let db: DB;
let logged: string[];

beforeEach(() => {
  resetAuthRateLimits();
  dir = testTempDir();
  file = path.join(dir, 'cs.db');
  db = openDatabase(file);
  logged = [];
});

const options = (extra: Partial<FirstStartOptions> = {}): FirstStartOptions => ({
  demo: false, demoPassword: 'demo-password', adminEmail: 'admin@localhost', databaseFile: file, log: (m) => logged.push(m), ...extra,
});
const n = (table: typeof users | typeof tenants | typeof sites | typeof siteLinks) => db.select({ n: count() }).from(table).all()[0].n;
const passwordIn = (text: string) => /password: (\S+)/.exec(text)?.[1];
const signIn = (password: string, email = 'admin@localhost') => verifyCredentials(db, { email, password }, { sourceIp: null, channel: 'web' });

describe('first start without DEMO (production)', () => {
  it('creates the sites and exactly one staff account, no tenant and no client user', async () => {
    const r = await seedFirstStart(db, options());
    expect(r).toMatchObject({ seeded: 'first-admin', email: 'admin@localhost', passwordFile: path.join(dir, INITIAL_ADMIN_PASSWORD_FILE) });
    const all = db.select({ email: users.email, role: users.role, tenantId: users.tenantId, mustChangePassword: users.mustChangePassword }).from(users).all();
    expect(all).toEqual([{ email: 'admin@localhost', role: 'staff', tenantId: null, mustChangePassword: true }]);
    expect(n(tenants)).toBe(0);
    expect(n(sites)).toBe(8);
    expect(n(siteLinks)).toBe(28);
    expect(db.select({ action: auditLog.action, actorRole: auditLog.actorRole }).from(auditLog).all()).toEqual([{ action: 'user.bootstrap-admin', actorRole: 'system' }]);
  });

  it('writes the one-time password to a file beside the database readable by its owner only, and logs it once', async () => {
    await seedFirstStart(db, options());
    const passwordFile = path.join(dir, INITIAL_ADMIN_PASSWORD_FILE);
    expect(fs.statSync(passwordFile).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(passwordFile, 'utf8');
    const password = passwordIn(text)!;
    expect(password.replaceAll('-', '')).toMatch(/^[A-Z2-9]{20}$/);
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(text).toContain('email:    admin@localhost');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(password);
    expect(logged[0]).toContain(passwordFile);
    // Never the demo password, and a new one for every database.
    await expect(signIn('demo-password')).rejects.toMatchObject({ status: 401 });
    const other = testTempDir();
    await seedFirstStart(openDatabase(path.join(other, 'cs.db')), options({ databaseFile: path.join(other, 'cs.db') }));
    expect(passwordIn(fs.readFileSync(path.join(other, INITIAL_ADMIN_PASSWORD_FILE), 'utf8'))).not.toBe(password);
  });

  it('replaces a password file left by an earlier database (a symbolic link is not followed)', async () => {
    const target = path.join(dir, 'elsewhere.txt');
    fs.writeFileSync(target, 'keep me');
    fs.symlinkSync(target, path.join(dir, INITIAL_ADMIN_PASSWORD_FILE));
    await seedFirstStart(db, options());
    expect(fs.readFileSync(target, 'utf8')).toBe('keep me');
    expect(fs.lstatSync(path.join(dir, INITIAL_ADMIN_PASSWORD_FILE)).isSymbolicLink()).toBe(false);
    expect(fs.statSync(path.join(dir, INITIAL_ADMIN_PASSWORD_FILE)).mode & 0o777).toBe(0o600);
  });

  it('the password signs in, only to be asked for a new one; it lapses like any one-time password; once changed the banner is gone', async () => {
    await seedFirstStart(db, options({ adminEmail: 'Ops@Example.com' }));
    const password = passwordIn(fs.readFileSync(path.join(dir, INITIAL_ADMIN_PASSWORD_FILE), 'utf8'))!;
    const user = await signIn(password, 'ops@example.com');
    expect(user).toMatchObject({ email: 'ops@example.com', role: 'staff', tenantId: null });
    const actor: Actor = { userId: user.id, email: user.email, role: 'staff', tenantId: null, via: 'session' };
    expect(getTenantHeader(db, actor).mustChangePassword).toBe(true);

    await changeOwnPassword(db, actor, { currentPassword: password, newPassword: 'a passphrase only I know' });
    expect(getTenantHeader(db, actor).mustChangePassword).toBe(false);
    await expect(signIn(password, 'ops@example.com')).rejects.toMatchObject({ status: 401 });
    await expect(signIn('a passphrase only I know', 'ops@example.com')).resolves.toMatchObject({ id: user.id });
  });

  it('an unused one-time password lapses after a week, as an invited user\'s does', async () => {
    await seedFirstStart(db, options({ now: new Date(Date.now() - 8 * 86_400_000) }));
    const password = passwordIn(fs.readFileSync(path.join(dir, INITIAL_ADMIN_PASSWORD_FILE), 'utf8'))!;
    await expect(signIn(password)).rejects.toMatchObject({ status: 403, extra: { code: 'password-expired' } });
  });

  it('a second start changes nothing: no new account, the file and the password stay', async () => {
    await seedFirstStart(db, options());
    const passwordFile = path.join(dir, INITIAL_ADMIN_PASSWORD_FILE);
    const before = { text: fs.readFileSync(passwordFile, 'utf8'), users: db.select().from(users).all() };
    logged = [];
    expect(await seedFirstStart(db, options())).toEqual({ seeded: null });
    expect(await seedFirstStart(db, options({ demo: true }))).toEqual({ seeded: null });
    expect(fs.readFileSync(passwordFile, 'utf8')).toBe(before.text);
    expect(db.select().from(users).all()).toEqual(before.users);
    expect(n(tenants)).toBe(0);
    expect(logged).toEqual([]);
  });

  it('a :memory: database gets the account and the log line, no file', async () => {
    const mem = openDatabase(':memory:');
    const r = await seedFirstStart(mem, options({ databaseFile: ':memory:' }));
    expect(r).toMatchObject({ seeded: 'first-admin', passwordFile: null });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/one-time password [A-Z2-9]{4}(-[A-Z2-9]{4}){4}\b/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.txt'))).toEqual([]);
  });
});

describe('first start with DEMO=1', () => {
  it('seeds the demo as before: tenants, their users and the demo staff account, all with the demo password; no password file', async () => {
    expect(await seedFirstStart(db, options({ demo: true }))).toEqual({ seeded: 'demo' });
    expect(n(tenants)).toBe(2);
    expect(db.select({ email: users.email }).from(users).all().map((u) => u.email).sort()).toEqual(
      ['admin2@acme.test', 'admin@acme.test', 'admin@globex.test', 'staff@calligo.test', 'user@acme.test', 'user@globex.test'],
    );
    expect(db.select().from(users).where(eq(users.email, 'admin@localhost')).all()).toEqual([]);
    await expect(signIn('demo-password', 'staff@calligo.test')).resolves.toMatchObject({ role: 'staff' });
    expect(fs.existsSync(path.join(dir, INITIAL_ADMIN_PASSWORD_FILE))).toBe(false);
    // Idempotent too.
    expect(await seedFirstStart(db, options({ demo: true }))).toEqual({ seeded: null });
    expect(n(users)).toBe(6);
  });
});

describe('a database that already holds the demo, started without DEMO=1', () => {
  it('changes nothing but warns in the log that the demo accounts (public password) are active', async () => {
    await seedFirstStart(db, options({ demo: true }));
    const before = db.select().from(users).all();
    expect(await seedFirstStart(db, options())).toEqual({ seeded: null });
    expect(db.select().from(users).all()).toEqual(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/WARNING: DEMO is not set but this database holds 6 demo account\(s\)/);
    expect(logged[0]).toContain('staff@calligo.test');
    // Once they are disabled, no warning.
    db.update(users).set({ disabledAt: new Date() }).run();
    logged = [];
    await seedFirstStart(db, options());
    expect(logged).toEqual([]);
  });
});
