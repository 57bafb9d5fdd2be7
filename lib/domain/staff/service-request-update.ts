import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { serviceRequestComments, serviceRequests, users } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { recordEvent } from '@/lib/domain/notifications/outbox';
import { authorize } from '@/lib/domain/core/authorize';
import { ConflictError, ForbiddenError, ValidationError } from '@/lib/core/errors';
import { parseBody } from '@/lib/domain/core/input';
import { simDate } from '@/lib/domain/core/clock';
import { newId } from '@/lib/ids';
import { requestUpdateSchema } from '@/lib/schemas/requests';
import type { ServiceRequestDetailDto } from './dto';
import { findRequest, getServiceRequest } from './service-requests';
import { applyVdcDelta } from './vdcs';
import { notifyVolumes } from '@/lib/sim/bridge';

type Status = (typeof serviceRequests.$inferSelect)['status'];

const TERMINAL: Status[] = ['resolved', 'cancelled'];

/**
 * Staff work the queue: assign, move the status, resolve (which applies a grow/shrink to the
 * vDC in the same transaction, audited). A client_admin may only cancel its own open request.
 */
export async function updateServiceRequest(db: DB, actor: Actor, id: string, input: unknown, at?: Date): Promise<ServiceRequestDetailDto> {
  const isStaff = actor.role === 'staff';
  // Authorise before anything else: a client_admin passes to the cancel-only path below.
  if (!isStaff) authorize(db, actor, 'request:create', { type: 'service-request', id });
  else authorize(db, actor, 'requests:work', { type: 'service-request', id });
  findRequest(db, actor, id); // 404 for another tenant's id, before validation
  const patch = parseBody(requestUpdateSchema, input);
  const now = at ?? (await simDate());
  if (!isStaff && (patch.assignedTo !== undefined || (patch.status !== undefined && patch.status !== 'cancelled'))) {
    throw new ForbiddenError('Clients may cancel their own requests; provider staff work them.');
  }

  let resized = false;
  db.transaction((tx) => {
    const row = findRequest(tx, actor, id);
    if (TERMINAL.includes(row.status) && (patch.status !== undefined || patch.assignedTo !== undefined)) {
      throw new ConflictError(`The request is already ${row.status}.`);
    }
    const base = { tenantId: row.tenantId, targetType: 'service-request', targetId: id, simulatedTime: now };

    if (patch.assignedTo !== undefined && patch.assignedTo !== row.assignedTo) {
      if (patch.assignedTo !== null) assertStaffUser(tx, patch.assignedTo);
      tx.update(serviceRequests).set({ assignedTo: patch.assignedTo }).where(eq(serviceRequests.id, id)).run();
      audit(tx, actor, { ...base, action: 'service-request.assign', details: { from: row.assignedTo, to: patch.assignedTo } });
    }

    if (patch.note) {
      tx.insert(serviceRequestComments).values({ id: newId('src'), requestId: id, authorId: actor.userId, authorEmail: actor.email, body: patch.note, createdAt: now }).run();
    }

    if (patch.status !== undefined && patch.status !== row.status) {
      const resolving = patch.status === 'resolved';
      if (resolving && row.resourceChange) {
        // The allocation changes with the resolution or not at all (same transaction).
        applyVdcDelta(tx, actor, row.tenantId, row.resourceChange.vdcId, row.resourceChange, id);
        resized = true;
      }
      tx.update(serviceRequests)
        .set({ status: patch.status, resolvedAt: TERMINAL.includes(patch.status) ? now : null })
        .where(eq(serviceRequests.id, id))
        .run();
      const action = resolving ? 'service-request.resolve' : patch.status === 'cancelled' ? 'service-request.cancel' : 'service-request.status';
      audit(tx, actor, { ...base, action, details: { from: row.status, to: patch.status, note: patch.note ?? null, resourceChange: resolving ? row.resourceChange : undefined } });
    } else if (patch.note) {
      audit(tx, actor, { ...base, action: 'service-request.comment', details: { length: patch.note.length } });
    }
    const changes = [
      patch.status !== undefined && patch.status !== row.status ? `status ${row.status} → ${patch.status}` : null,
      patch.assignedTo !== undefined && patch.assignedTo !== row.assignedTo ? (patch.assignedTo ? 'assigned' : 'unassigned') : null,
      patch.note ? 'a note was added' : null,
    ].filter((c): c is string => c !== null);
    if (changes.length) {
      recordEvent(tx, {
        type: 'request.updated', tenantId: row.tenantId, occurredAt: now,
        payload: { requestId: id, title: row.title, status: patch.status ?? row.status, subject: row.title, summary: `${actor.email} updated the service request "${row.title}": ${changes.join('; ')}.` },
      });
    }
  });
  // A resolved grow/shrink changed the volume's size and guaranteed IOPS: tell the engine.
  if (resized) await notifyVolumes();
  return getServiceRequest(db, actor, id, now);
}

function assertStaffUser(db: Executor, userId: string) {
  const u = db.select({ id: users.id }).from(users).where(and(eq(users.id, userId), eq(users.role, 'staff'))).get();
  if (!u) throw new ValidationError([{ field: 'assignedTo', message: `No provider staff user with id ${userId}.` }]);
}

/** Provider staff who can take a request, for the assignment picker. */
export function listAssignableStaff(db: DB, actor: Actor): { id: string; name: string; email: string }[] {
  authorize(db, actor, 'requests:work', { type: 'service-request' });
  return db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.role, 'staff')).all();
}
