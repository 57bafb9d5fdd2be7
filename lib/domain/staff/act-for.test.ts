import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { auditLog } from '@/db/schema';
import { ForbiddenError, NotFoundError } from '@/lib/core/errors';
import { ACME_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { startActingForTenant, stopActingForTenant } from './act-for';

let db: DB;
beforeEach(async () => {
  db = await seededTestDb(new Date('2025-03-12T10:00:00Z'));
});

const auditOf = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();

describe('acting for a tenant', () => {
  it('lets staff start, audited in the tenant trail as the staff member working service-wide', () => {
    // Already acting for another tenant: the start is still recorded as service-wide staff.
    const acting = { ...STAFF, tenantId: 'ten_globex', actingForTenant: true };
    expect(startActingForTenant(db, acting, 'ten_acme')).toMatchObject({ id: 'ten_acme' });
    expect(auditOf('tenant.act-for.start')).toMatchObject([{ actorId: STAFF.userId, actorRole: 'staff', tenantId: 'ten_acme', targetType: 'tenant', targetId: 'ten_acme' }]);
  });

  it('refuses client roles and unknown tenants, and audits no start', () => {
    expect(() => startActingForTenant(db, ACME_ADMIN, 'ten_acme')).toThrow(ForbiddenError);
    expect(() => startActingForTenant(db, STAFF, 'ten_nope')).toThrow(NotFoundError);
    expect(auditOf('tenant.act-for.start')).toHaveLength(0);
  });

  it('audits the stop only for staff who were acting', () => {
    stopActingForTenant(db, STAFF, null);
    stopActingForTenant(db, ACME_ADMIN, 'ten_acme');
    expect(auditOf('tenant.act-for.stop')).toHaveLength(0);
    stopActingForTenant(db, { ...STAFF, tenantId: 'ten_acme', actingForTenant: true }, 'ten_acme');
    expect(auditOf('tenant.act-for.stop')).toMatchObject([{ actorId: STAFF.userId, actorRole: 'staff', tenantId: 'ten_acme', targetId: 'ten_acme' }]);
  });
});
