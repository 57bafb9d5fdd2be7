import { describe, expect, it } from 'vitest';
import { ACME_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { ACT_FOR_COOKIE, ACT_FOR_MAX_AGE_SECONDS, applyActingFor, asServiceWide, readActingTenant, signActFor } from './act-for';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

const jar = (value?: string) => ({ get: (name: string) => (name === ACT_FOR_COOKIE && value !== undefined ? { value } : undefined) });

describe('act-for cookie', () => {
  it('reads back the tenant it was signed for', () => {
    const value = signActFor('ten_acme', STAFF.userId);
    expect(readActingTenant(jar(value))).toBe('ten_acme');
    expect(readActingTenant(jar(value), STAFF.userId)).toBe('ten_acme');
  });

  it('refuses a cookie edited to another tenant, issued to another user, or expired', () => {
    const value = signActFor('ten_acme', STAFF.userId, 1_000_000);
    const edited = value.replace('ten_acme', 'ten_globex');
    expect(readActingTenant(jar(edited), undefined, 1_000_000)).toBeNull();
    expect(readActingTenant(jar(value), 'usr_someone_else', 1_000_000)).toBeNull();
    expect(readActingTenant(jar(value), STAFF.userId, 1_000_000 + ACT_FOR_MAX_AGE_SECONDS * 1000)).toBeNull();
    expect(readActingTenant(jar('garbage'))).toBeNull();
    expect(readActingTenant(jar())).toBeNull();
  });

  it('narrows only a staff session to an existing tenant', async () => {
    const db = await seededTestDb();
    const cookies = jar(signActFor('ten_acme', STAFF.userId));
    expect(applyActingFor(db, STAFF, cookies)).toMatchObject({ tenantId: 'ten_acme', actingForTenant: true });
    expect(applyActingFor(db, { ...STAFF, via: 'token' }, cookies).tenantId).toBeNull();
    expect(applyActingFor(db, ACME_ADMIN, jar(signActFor('ten_globex', ACME_ADMIN.userId))).tenantId).toBe('ten_acme');
    expect(applyActingFor(db, STAFF, jar(signActFor('ten_gone', STAFF.userId))).tenantId).toBeNull();
    expect(asServiceWide(applyActingFor(db, STAFF, cookies))).toMatchObject({ tenantId: null, actingForTenant: false });
  });
});
