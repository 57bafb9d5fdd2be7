import 'server-only';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { serviceRequestComments, serviceRequests, tenants, users, vdcs } from '@/db/schema';
import type { ResourceChange } from '@/lib/schemas/requests';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { recordEvent } from '@/lib/domain/notifications/outbox';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { NotFoundError, ValidationError } from '@/lib/core/errors';
import { parseBody, peekString } from '@/lib/domain/core/input';
import { parseInput } from '@/lib/domain/core/validate';
import { simDate } from '@/lib/domain/core/clock';
import { newId } from '@/lib/ids';
import { RESOURCES, formatResource } from '@/lib/format-resources';
import { requestCommentSchema, requestCreateSchema, requestListSchema } from '@/lib/schemas/requests';
import type { ResourceDelta, ServiceRequestCommentDto, ServiceRequestDetailDto, ServiceRequestDto } from './dto';
import { ACTIVE, toServiceRequestDtos, type ServiceRequestRow } from './service-request-dto';
import { responseDeadline } from './response-deadline';
import { findVdc } from './vdcs';

/** The request, scoped to the actor's tenant (another tenant's id is a 404). */
export function findRequest(db: Executor, actor: Actor, id: string): ServiceRequestRow {
  const scope = tenantScope(actor);
  const row = db
    .select()
    .from(serviceRequests)
    .where(scope ? and(eq(serviceRequests.id, id), eq(serviceRequests.tenantId, scope)) : eq(serviceRequests.id, id))
    .get();
  if (!row) throw new NotFoundError('service request', id);
  return row;
}

/**
 * Clients see their tenant's requests; staff the whole queue (or one tenant's). Open and
 * in-progress come first by response deadline, then closed ones newest first.
 */
export async function listServiceRequests(db: DB, actor: Actor, query: unknown = {}, at?: Date): Promise<ServiceRequestDto[]> {
  authorize(db, actor, 'tenant:read', { type: 'service-request' });
  const q = parseInput(requestListSchema, query);
  const now = at ?? (await simDate());
  const scope = tenantScope(actor, q.tenantId);
  const statuses = q.status === 'active' ? [...ACTIVE] : q.status ? [q.status] : undefined;
  const where = and(scope ? eq(serviceRequests.tenantId, scope) : undefined, statuses ? inArray(serviceRequests.status, statuses) : undefined);
  const rows = db.select().from(serviceRequests).where(where).orderBy(desc(serviceRequests.createdAt)).limit(500).all();
  const active = rows.filter((r) => (ACTIVE as readonly string[]).includes(r.status)).sort((a, b) => a.respondBy.getTime() - b.respondBy.getTime());
  const closed = rows.filter((r) => !(ACTIVE as readonly string[]).includes(r.status));
  return toServiceRequestDtos(db, [...active, ...closed], now);
}

export async function getServiceRequest(db: DB, actor: Actor, id: string, at?: Date): Promise<ServiceRequestDetailDto> {
  authorize(db, actor, 'tenant:read', { type: 'service-request', id });
  const row = findRequest(db, actor, id);
  const now = at ?? (await simDate());
  return { ...toServiceRequestDtos(db, [row], now)[0], comments: listComments(db, id) };
}

export function listComments(db: Executor, requestId: string): ServiceRequestCommentDto[] {
  return db
    .select({
      id: serviceRequestComments.id,
      authorId: serviceRequestComments.authorId,
      authorEmail: serviceRequestComments.authorEmail,
      body: serviceRequestComments.body,
      createdAt: serviceRequestComments.createdAt,
      role: users.role,
    })
    .from(serviceRequestComments)
    .leftJoin(users, eq(users.id, serviceRequestComments.authorId))
    .where(eq(serviceRequestComments.requestId, requestId))
    .orderBy(asc(serviceRequestComments.createdAt))
    .all()
    .map(({ role, createdAt, ...c }) => ({ ...c, createdAt: createdAt.toISOString(), byStaff: role === 'staff' }));
}

/** Signed deltas: a shrink is stored negative, so resolving just adds them. */
function signedChange(kind: ServiceRequestRow['kind'], vdcId: string, change: ResourceDelta = {}): ResourceChange {
  const sign = kind === 'shrink-resources' ? -1 : 1;
  const out: ResourceChange = { vdcId };
  for (const k of ['vcpuGhz', 'memoryGb', 'storageGb', 'guaranteedIops'] as const) {
    const v = change[k];
    if (v !== undefined && v > 0) out[k] = sign * v;
  }
  return out;
}

/**
 * A client_admin raises a request for its tenant (staff may too, naming the tenant or acting
 * for it). The response deadline is fixed at creation from the priority.
 */
export async function createServiceRequest(db: DB, actor: Actor, input: unknown, at?: Date): Promise<ServiceRequestDto> {
  authorize(db, actor, 'request:create', { type: 'service-request' });
  const tenantId = tenantScope(actor, peekString(input, 'tenantId') || undefined);
  if (!tenantId) throw new ValidationError([{ field: 'tenantId', message: 'tenantId is required when staff raise a request without acting for a tenant.' }]);
  if (!db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).get()) throw new NotFoundError('tenant', tenantId);
  const data = parseBody(requestCreateSchema, input);
  const now = at ?? (await simDate());
  return db.transaction((tx) => {
    let resourceChange: ResourceChange | null = null;
    if (data.kind !== 'other' && data.vdcId) {
      const vdc = findVdc(tx, tenantId, data.vdcId);
      resourceChange = signedChange(data.kind, vdc.id, data.change);
      if (data.kind === 'shrink-resources') assertShrinkFits(vdc, resourceChange);
    }
    const id = newId('sr');
    const row = tx
      .insert(serviceRequests)
      .values({
        id,
        tenantId,
        kind: data.kind,
        priority: data.priority,
        title: data.title,
        description: data.description,
        status: 'open',
        vdcId: data.kind === 'other' ? null : (data.vdcId ?? null),
        resourceChange,
        requestedBy: actor.userId,
        createdAt: now,
        respondBy: responseDeadline(now, data.priority),
      })
      .returning()
      .get();
    recordEvent(tx, {
      type: 'request.created', tenantId, occurredAt: now,
      payload: { requestId: id, title: data.title, priority: data.priority, subject: data.title, summary: `${actor.email} opened the ${data.priority}-priority service request "${data.title}".` },
    });
    audit(tx, actor, { action: 'service-request.create', tenantId, targetType: 'service-request', targetId: id, simulatedTime: now, details: { kind: data.kind, priority: data.priority, title: data.title, resourceChange } });
    return toServiceRequestDtos(tx, [row], now)[0];
  });
}

function assertShrinkFits(vdc: typeof vdcs.$inferSelect, change: ResourceChange) {
  const errors = RESOURCES.map(([k]) => k)
    .filter((k) => change[k] !== undefined && vdc[k] + (change[k] ?? 0) <= 0)
    .map((k) => ({ field: `change.${k}`, message: `${vdc.name} has ${formatResource(k, vdc[k])}; a shrink must leave some.` }));
  if (errors.length) throw new ValidationError(errors);
}

/** Adds a comment. Users may read the thread; client admins and staff write in it. */
export async function addRequestComment(db: DB, actor: Actor, id: string, input: unknown, at?: Date): Promise<ServiceRequestCommentDto> {
  authorize(db, actor, 'request:create', { type: 'service-request', id });
  const row = findRequest(db, actor, id);
  const { body } = parseBody(requestCommentSchema, input);
  const now = at ?? (await simDate());
  return db.transaction((tx) => {
    const commentId = newId('src');
    tx.insert(serviceRequestComments).values({ id: commentId, requestId: id, authorId: actor.userId, authorEmail: actor.email, body, createdAt: now }).run();
    recordEvent(tx, {
      type: 'request.updated', tenantId: row.tenantId, occurredAt: now,
      payload: { requestId: id, title: row.title, subject: row.title, summary: `${actor.email} commented on the service request "${row.title}".` },
    });
    audit(tx, actor, { action: 'service-request.comment', tenantId: row.tenantId, targetType: 'service-request', targetId: id, simulatedTime: now, details: { length: body.length } });
    return { id: commentId, authorId: actor.userId, authorEmail: actor.email, body, createdAt: now.toISOString(), byStaff: actor.role === 'staff' };
  });
}

