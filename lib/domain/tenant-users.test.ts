import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { listTenantUsers } from './tenant-users';

let db: DB;
beforeAll(async () => {
  db = await seededTestDb();
});

describe('listTenantUsers', () => {
  it("lists the administrator's own tenant only, without secrets", () => {
    const acme = listTenantUsers(db, ACME_ADMIN);
    expect(acme.map((u) => u.email).sort()).toEqual(['admin@acme.test', 'user@acme.test']);
    expect(Object.keys(acme[0]).sort()).toEqual(['disabled', 'email', 'id', 'lastSignInAt', 'name', 'role', 'totpEnabled']);
    expect(listTenantUsers(db, GLOBEX_ADMIN).every((u) => u.email.endsWith('@globex.test'))).toBe(true);
  });

  it('refuses a user (403) and staff outside a tenant (400)', () => {
    expect(() => listTenantUsers(db, ACME_USER)).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => listTenantUsers(db, STAFF)).toThrow(expect.objectContaining({ status: 400 }));
    expect(listTenantUsers(db, { ...STAFF, tenantId: 'ten_acme', actingForTenant: true })).toHaveLength(2);
  });
});
