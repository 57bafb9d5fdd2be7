import { describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { ForbiddenError } from '@/lib/core/errors';
import { ACME_ADMIN, ACME_USER, STAFF } from '@/lib/testing/actors';
import { testDb } from '@/lib/testing/db';
import { authorize, tenantScope } from './authorize';

describe('authorize', () => {
  it('lets a permitted role through and writes nothing to the trail', () => {
    const db = testDb();
    expect(() => authorize(db, ACME_ADMIN, 'operation:run', { type: 'protection-group', id: 'grp_x' })).not.toThrow();
    expect(db.select().from(auditLog).all()).toEqual([]);
  });

  it('refuses a role without the permission with 403, and the refusal is in the trail', () => {
    const db = testDb();
    let thrown: unknown;
    try {
      authorize(db, ACME_USER, 'operation:run', { type: 'protection-group', id: 'grp_x' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ForbiddenError);
    expect((thrown as ForbiddenError).status).toBe(403);
    expect(db.select().from(auditLog).all()).toEqual([
      expect.objectContaining({
        action: 'denied:operation:run', outcome: 'denied', actorId: ACME_USER.userId, tenantId: 'ten_acme',
        targetType: 'protection-group', targetId: 'grp_x',
      }),
    ]);
  });

  it('audits a refusal without a target as one without a target', () => {
    const db = testDb();
    expect(() => authorize(db, ACME_ADMIN, 'sites:manage')).toThrow(ForbiddenError);
    expect(db.select().from(auditLog).all()).toEqual([
      expect.objectContaining({ action: 'denied:sites:manage', outcome: 'denied', targetType: null, targetId: null }),
    ]);
  });
});

describe('tenantScope', () => {
  it('pins a client role to its own tenant, whatever tenant it names', () => {
    expect(tenantScope(ACME_ADMIN, 'ten_globex')).toBe('ten_acme');
    expect(tenantScope(ACME_USER)).toBe('ten_acme');
    expect(tenantScope(ACME_USER, null)).toBe('ten_acme');
  });

  it('lets staff name a tenant, or see every tenant (null)', () => {
    expect(tenantScope(STAFF, 'ten_globex')).toBe('ten_globex');
    expect(tenantScope(STAFF)).toBeNull();
    expect(tenantScope(STAFF, null)).toBeNull();
  });

  it('keeps staff acting for a tenant in that tenant unless they name another', () => {
    const acting: Actor = { ...STAFF, tenantId: 'ten_acme', actingForTenant: true };
    expect(tenantScope(acting)).toBe('ten_acme');
    expect(tenantScope(acting, 'ten_globex')).toBe('ten_globex');
  });

  it('refuses a client account that belongs to no tenant', () => {
    const orphan: Actor = { ...ACME_ADMIN, tenantId: null };
    expect(() => tenantScope(orphan, 'ten_acme')).toThrow(new ForbiddenError('Your account belongs to no tenant.'));
  });
});
