import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { auditLog, storageVolumes, vdcs } from '@/db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/core/errors';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { updateServiceRequest } from './service-request-update';
import { addRequestComment, createServiceRequest, getServiceRequest, listServiceRequests } from './service-requests';

// A Friday afternoon: P3 falls due on Monday.
const FRIDAY = new Date('2025-03-07T15:00:00Z');
const later = (hours: number) => new Date(FRIDAY.getTime() + hours * 3600_000);

let db: DB;
beforeEach(async () => {
  db = await seededTestDb(FRIDAY);
});

const grow = { kind: 'grow-resources', priority: 'P3', title: 'More memory for SQL', description: 'Month-end batch', vdcId: 'vdc_acme_london_production', change: { memoryGb: 128, vcpuGhz: 20 } };
const vdc = (id: string) => db.select().from(vdcs).where(eq(vdcs.id, id)).get()!;

describe('raising a request', () => {
  it('lets a client_admin raise one with a deadline from its priority', async () => {
    const r = await createServiceRequest(db, ACME_ADMIN, grow, FRIDAY);
    expect(r).toMatchObject({ tenantId: 'ten_acme', status: 'open', priority: 'P3', change: { memoryGb: 128, vcpuGhz: 20 }, respondedAt: null, responseOverdue: false });
    expect(r.respondBy).toBe('2025-03-10T15:00:00.000Z');
  });

  it('stores a shrink as negative deltas and refuses one that empties the vDC', async () => {
    const r = await createServiceRequest(db, ACME_ADMIN, { ...grow, kind: 'shrink-resources', change: { storageGb: 2000 } }, FRIDAY);
    expect(r.change).toEqual({ storageGb: -2000 });
    const err = await createServiceRequest(db, ACME_ADMIN, { ...grow, kind: 'shrink-resources', change: { vcpuGhz: 500 } }, FRIDAY).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.errors[0].field).toBe('change.vcpuGhz');
  });

  it('needs a vDC and an amount to grow', async () => {
    const err = await createServiceRequest(db, ACME_ADMIN, { ...grow, vdcId: '', change: {} }, FRIDAY).catch((e) => e);
    expect(err.errors.map((e: { field: string }) => e.field).sort()).toEqual(['change', 'vdcId']);
  });

  it("answers 404 for another tenant's vDC", async () => {
    await expect(createServiceRequest(db, ACME_ADMIN, { ...grow, vdcId: 'vdc_globex_toronto_production' }, FRIDAY)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lets users read but not raise', async () => {
    await expect(createServiceRequest(db, ACME_USER, grow, FRIDAY)).rejects.toBeInstanceOf(ForbiddenError);
    await createServiceRequest(db, ACME_ADMIN, grow, FRIDAY);
    expect(await listServiceRequests(db, ACME_USER, {}, FRIDAY)).toHaveLength(1);
  });

  it('requires staff to name the tenant unless acting for one', async () => {
    const err = await createServiceRequest(db, STAFF, { ...grow, kind: 'other', vdcId: undefined }, FRIDAY).catch((e) => e);
    expect(err.errors[0].field).toBe('tenantId');
    const acting = { ...STAFF, tenantId: 'ten_acme', actingForTenant: true };
    const r = await createServiceRequest(db, acting, { ...grow, kind: 'other' }, FRIDAY);
    expect(r).toMatchObject({ tenantId: 'ten_acme', vdcId: null, change: null });
    const entry = db.select().from(auditLog).where(eq(auditLog.action, 'service-request.create')).get();
    expect(entry?.actorRole).toBe('staff:acting-for-tenant');
  });
});

describe('the staff queue', () => {
  it('keeps tenants apart and shows staff everything', async () => {
    const a = await createServiceRequest(db, ACME_ADMIN, grow, FRIDAY);
    await createServiceRequest(db, GLOBEX_ADMIN, { ...grow, vdcId: 'vdc_globex_toronto_production', priority: 'P1' }, FRIDAY);
    expect(await listServiceRequests(db, GLOBEX_ADMIN, {}, FRIDAY)).toHaveLength(1);
    await expect(getServiceRequest(db, GLOBEX_ADMIN, a.id, FRIDAY)).rejects.toBeInstanceOf(NotFoundError);
    const queue = await listServiceRequests(db, STAFF, { status: 'active' }, FRIDAY);
    // Soonest deadline first: the P1 before the P3.
    expect(queue.map((r) => r.priority)).toEqual(['P1', 'P3']);
  });

  it('flags a request unanswered past its deadline, and counts a staff comment as the response', async () => {
    const r = await createServiceRequest(db, ACME_ADMIN, { ...grow, priority: 'P1' }, FRIDAY);
    expect((await getServiceRequest(db, STAFF, r.id, later(2))).responseOverdue).toBe(true);
    await addRequestComment(db, ACME_ADMIN, r.id, { body: 'Any news?' }, later(0.5));
    expect((await getServiceRequest(db, STAFF, r.id, later(0.6))).respondedAt).toBeNull();
    await addRequestComment(db, STAFF, r.id, { body: 'Looking at it now.' }, later(0.75));
    const after = await getServiceRequest(db, STAFF, r.id, later(2));
    expect(after.respondedAt).toBe(later(0.75).toISOString());
    expect(after.responseOverdue).toBe(false);
    expect(after.comments.map((c) => c.byStaff)).toEqual([false, true]);
  });

  it('assigns to staff only', async () => {
    const r = await createServiceRequest(db, ACME_ADMIN, grow, FRIDAY);
    const assigned = await updateServiceRequest(db, STAFF, r.id, { assignedTo: STAFF.userId }, later(1));
    expect(assigned.assignedToEmail).toBe('staff@calligo.test');
    const err = await updateServiceRequest(db, STAFF, r.id, { assignedTo: ACME_ADMIN.userId }, later(1)).catch((e) => e);
    expect(err.errors[0].field).toBe('assignedTo');
  });

  it('resolving a grow request changes the vDC allocation and its volume, audited', async () => {
    const r = await createServiceRequest(db, ACME_ADMIN, grow, FRIDAY);
    const before = vdc('vdc_acme_london_production');
    const done = await updateServiceRequest(db, STAFF, r.id, { status: 'resolved', note: 'Added 128 GB and 20 GHz.' }, later(3));
    expect(done).toMatchObject({ status: 'resolved', resolvedAt: later(3).toISOString(), respondedAt: later(3).toISOString() });
    expect(done.comments.at(-1)?.body).toBe('Added 128 GB and 20 GHz.');
    expect(vdc('vdc_acme_london_production')).toMatchObject({ memoryGb: before.memoryGb + 128, vcpuGhz: before.vcpuGhz + 20 });
    const resize = db.select().from(auditLog).where(eq(auditLog.action, 'vdc.resize')).get();
    expect(resize).toMatchObject({ tenantId: 'ten_acme', targetId: 'vdc_acme_london_production', details: { serviceRequestId: r.id, changes: { memoryGb: { from: 512, to: 640 }, vcpuGhz: { from: 120, to: 140 } } } });
    await expect(updateServiceRequest(db, STAFF, r.id, { status: 'open' }, later(4))).rejects.toBeInstanceOf(ConflictError);
  });

  it('resolving a shrink request shrinks the vDC and its dedicated volume', async () => {
    const r = await createServiceRequest(db, ACME_ADMIN, { ...grow, kind: 'shrink-resources', change: { storageGb: 2000 } }, FRIDAY);
    await updateServiceRequest(db, STAFF, r.id, { status: 'resolved' }, later(3));
    expect(vdc('vdc_acme_london_production').storageGb).toBe(10_000);
    expect(db.select().from(storageVolumes).where(eq(storageVolumes.id, 'vol_acme_london')).get()?.sizeGb).toBe(10_000);
  });

  it('lets a client_admin cancel its own request but not work it', async () => {
    const r = await createServiceRequest(db, ACME_ADMIN, grow, FRIDAY);
    await expect(updateServiceRequest(db, ACME_ADMIN, r.id, { status: 'resolved' }, later(1))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateServiceRequest(db, ACME_USER, r.id, { status: 'cancelled' }, later(1))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateServiceRequest(db, GLOBEX_ADMIN, r.id, { status: 'cancelled' }, later(1))).rejects.toBeInstanceOf(NotFoundError);
    const cancelled = await updateServiceRequest(db, ACME_ADMIN, r.id, { status: 'cancelled', note: 'Not needed after all' }, later(1));
    expect(cancelled.status).toBe('cancelled');
    // The client's own cancellation is not a provider response.
    expect(cancelled.respondedAt).toBeNull();
    expect(vdc('vdc_acme_london_production').memoryGb).toBe(512);
  });
});
