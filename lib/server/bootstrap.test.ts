/** The server's first start as instrumentation.ts runs it, configured by the environment (own file: it sets the process environment). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { testTempDir } from '@/lib/testing/db';

const dir = testTempDir();
process.env.DATABASE_URL = path.join(dir, 'cs.db');
delete process.env.DEMO;
delete process.env.ADMIN_EMAIL;

describe('bootstrapDatabase without DEMO', () => {
  it('gives an empty database no default credentials: one staff account admin@localhost with a one-time password in a 0600 file', async () => {
    const { bootstrapDatabase } = await import('./bootstrap');
    const { getDb } = await import('@/db');
    await bootstrapDatabase();
    const all = getDb().select({ email: users.email, role: users.role, tenantId: users.tenantId }).from(users).all();
    expect(all).toEqual([{ email: 'admin@localhost', role: 'staff', tenantId: null }]);
    const file = path.join(dir, 'initial-admin-password.txt');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // A second start changes nothing.
    const text = fs.readFileSync(file, 'utf8');
    await bootstrapDatabase();
    expect(getDb().select().from(users).all()).toHaveLength(1);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  });
});
