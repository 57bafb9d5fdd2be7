import 'server-only';
import { and, count, desc, eq, inArray, isNotNull, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { tenants, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { webhookAllowPrivate } from '@/lib/config';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/core/errors';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { iso, isoOrNull } from '@/lib/domain/core/clock';
import { decodeCursor, encodeCursor } from '@/lib/domain/core/cursor';
import { parseBody } from '@/lib/domain/core/input';
import { parseInput } from '@/lib/domain/core/validate';
import { newId } from '@/lib/ids';
import { tenantFilterSchema } from '@/lib/schemas/common';
import { createWebhookSchema, listDeliveriesQuerySchema, MAX_WEBHOOK_ENDPOINTS, updateWebhookSchema, type WebhookDeliveryStatus, type WebhookDeliveryTrigger } from '@/lib/schemas/webhooks';
import { checkWebhookUrl } from './url-guard';
import { sealSecret } from './secret-box';
import { cancelWaitingDeliveries, insertManualDelivery, newWebhookSecret, sendDelivery, type DeliveryOptions, type DeliveryRow, type EndpointRow } from './webhook-delivery';

/*
 * Webhook endpoints: a tenant's (its client administrators manage them) or the provider's
 * (tenantId null, staff's). The secret is returned once, by create; never by a read.
 */

const TARGET = 'webhook-endpoint';

export type WebhookDeliveryDto = {
  id: string;
  endpointId: string;
  messageId: string;
  eventType: string;
  trigger: WebhookDeliveryTrigger;
  attempt: number;
  status: WebhookDeliveryStatus;
  statusCode: number | null;
  latencyMs: number | null;
  error: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  attemptedAt: string | null;
  deliveredAt: string | null;
  payload: unknown;
};

export type WebhookEndpointDto = {
  id: string;
  /** null: a provider endpoint (staff), which receives every tenant's events. */
  tenantId: string | null;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  createdBy: string;
  createdAt: string;
  lastDelivery: Pick<WebhookDeliveryDto, 'id' | 'eventType' | 'status' | 'statusCode' | 'attemptedAt' | 'trigger'> | null;
};

export type CreatedWebhookDto = WebhookEndpointDto & { secret: string };

/** Time and network seams for tests; real ones otherwise. */
export type WebhookIo = DeliveryOptions & { nowMs?: number };

const now = (io: WebhookIo) => io.nowMs ?? Date.now();

function deliveryDto(r: DeliveryRow): WebhookDeliveryDto {
  return {
    id: r.id, endpointId: r.endpointId, messageId: r.messageId, eventType: r.eventType, trigger: r.trigger, attempt: r.attempt, status: r.status,
    statusCode: r.statusCode, latencyMs: r.latencyMs, error: r.error, nextAttemptAt: isoOrNull(r.nextAttemptAt), createdAt: iso(r.createdAt),
    attemptedAt: isoOrNull(r.attemptedAt), deliveredAt: isoOrNull(r.deliveredAt), payload: r.payload,
  };
}

/** The endpoints' DTOs, each with its latest attempt made (one query for all). */
function endpointDtos(db: Executor, rows: EndpointRow[]): WebhookEndpointDto[] {
  const last = new Map<string, DeliveryRow>();
  if (rows.length) {
    const attempted = db
      .select()
      .from(webhookDeliveries)
      .where(and(inArray(webhookDeliveries.endpointId, rows.map((r) => r.id)), or(eq(webhookDeliveries.status, 'delivered'), eq(webhookDeliveries.status, 'failed'))))
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .all();
    for (const d of attempted) if (!last.has(d.endpointId) && d.attemptedAt) last.set(d.endpointId, d);
  }
  return rows.map((r) => {
    const d = last.get(r.id);
    return {
      id: r.id, tenantId: r.tenantId, url: r.url, events: r.events, description: r.description, enabled: r.enabled, disabledReason: r.disabledReason,
      failingSince: isoOrNull(r.failingSince), createdBy: r.createdBy, createdAt: iso(r.createdAt),
      lastDelivery: d ? { id: d.id, eventType: d.eventType, status: d.status, statusCode: d.statusCode, attemptedAt: isoOrNull(d.attemptedAt), trigger: d.trigger } : null,
    };
  });
}

/**
 * An endpoint the actor may manage: a client's own tenant's; for staff any (or, acting for a
 * tenant, that tenant's). Another tenant's is "not found", exactly like an unknown id.
 */
function endpointInScope(db: Executor, actor: Actor, id: string): EndpointRow {
  const scope = tenantScope(actor);
  const row = db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), scope === null ? undefined : eq(webhookEndpoints.tenantId, scope)))
    .get();
  if (!row) throw new NotFoundError('webhook endpoint', id);
  return row;
}

/** GET /webhooks: the endpoints of the actor's tenant; staff: every endpoint, or one tenant's with ?tenantId=. */
export async function listWebhooks(db: Executor, actor: Actor, query: { tenantId?: string } = {}): Promise<WebhookEndpointDto[]> {
  authorize(db, actor, 'webhooks:manage', { type: TARGET });
  const scope = tenantScope(actor, query.tenantId);
  parseInput(tenantFilterSchema, query);
  const rows = db
    .select()
    .from(webhookEndpoints)
    .where(scope === null ? undefined : eq(webhookEndpoints.tenantId, scope))
    .orderBy(webhookEndpoints.createdAt, webhookEndpoints.id)
    .all();
  return endpointDtos(db, rows);
}

/**
 * The staff console's Webhooks page: the provider's own endpoints (no tenant) with their
 * deliveries, and how many endpoints the tenants keep (counted, not loaded).
 */
export async function listProviderWebhooks(db: Executor, actor: Actor): Promise<{ endpoints: WebhookEndpointDto[]; tenantEndpointCount: number }> {
  authorize(db, actor, 'webhooks:manage', { type: TARGET });
  // The provider's own endpoints are provider business: staff only.
  authorize(db, actor, 'tenants:manage', { type: TARGET });
  const rows = db.select().from(webhookEndpoints).where(isNull(webhookEndpoints.tenantId)).orderBy(webhookEndpoints.createdAt, webhookEndpoints.id).all();
  const tenantEndpointCount = db.select({ n: count() }).from(webhookEndpoints).where(isNotNull(webhookEndpoints.tenantId)).get()!.n;
  return { endpoints: endpointDtos(db, rows), tenantEndpointCount };
}

/** The tenant a new endpoint belongs to: a client's own; staff's provider endpoint (null) unless they name a tenant or act for one. */
function owningTenant(db: Executor, actor: Actor, requested: string | undefined): string | null {
  if (actor.role !== 'staff') {
    const own = tenantScope(actor) as string;
    if (requested !== undefined && requested !== own) throw new NotFoundError('tenant', requested);
    return own;
  }
  const tenantId = tenantScope(actor, requested);
  if (tenantId && !db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).get()) throw new NotFoundError('tenant', tenantId);
  return tenantId;
}

/**
 * POST /webhooks: a new endpoint, its secret in the answer (the only time it is shown). The URL
 * must be https:// and resolve to public addresses only (400 on `url` otherwise) unless
 * WEBHOOK_ALLOW_PRIVATE=1. At most MAX_WEBHOOK_ENDPOINTS per tenant (and for the provider).
 */
export async function createWebhook(db: DB, actor: Actor, input: unknown, options: { tenantId?: string } & WebhookIo = {}): Promise<CreatedWebhookDto> {
  authorize(db, actor, 'webhooks:manage', { type: TARGET });
  const tenantId = owningTenant(db, actor, options.tenantId);
  const body = parseBody(createWebhookSchema, input);
  const check = await checkWebhookUrl(body.url, { allowPrivate: options.allowPrivate ?? webhookAllowPrivate(), resolve: options.resolve });
  if (!check.ok) throw new ValidationError([{ field: 'url', message: check.reason }]);
  const id = newId('whe');
  const secret = newWebhookSecret();
  const createdAt = new Date(now(options));
  db.transaction((tx) => {
    const existing = tx.select({ n: count() }).from(webhookEndpoints).where(tenantId === null ? isNull(webhookEndpoints.tenantId) : eq(webhookEndpoints.tenantId, tenantId)).get()!.n;
    if (existing >= MAX_WEBHOOK_ENDPOINTS) throw new ConflictError(`At most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; delete one first.`);
    tx.insert(webhookEndpoints)
      .values({ id, tenantId, url: body.url, events: body.events, secret: sealSecret(secret), description: body.description || null, enabled: true, createdBy: actor.userId, createdAt })
      .run();
    audit(tx, actor, {
      action: 'webhook.create', tenantId, targetType: TARGET, targetId: id,
      details: { url: body.url, events: body.events, description: body.description || null },
    });
  });
  return { ...endpointDtos(db, [endpointInScope(db, actor, id)])[0], secret };
}

/** PATCH /webhooks/{id}: re-enable (clears the reason and the failing clock) or pause; change events or description. */
export async function updateWebhook(db: DB, actor: Actor, id: string, input: unknown): Promise<WebhookEndpointDto> {
  authorize(db, actor, 'webhooks:manage', { type: TARGET, id });
  endpointInScope(db, actor, id);
  const body = parseBody(updateWebhookSchema, input);
  db.transaction((tx) => {
    const row = endpointInScope(tx, actor, id);
    const set: Partial<typeof webhookEndpoints.$inferInsert> = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (body.enabled !== undefined && body.enabled !== row.enabled) {
      set.enabled = body.enabled;
      set.disabledReason = body.enabled ? null : 'Disabled by its owner.';
      set.failingSince = null;
      changes.enabled = { from: row.enabled, to: body.enabled };
    }
    if (body.events !== undefined && JSON.stringify(body.events) !== JSON.stringify(row.events)) {
      set.events = body.events;
      changes.events = { from: row.events, to: body.events };
    }
    if (body.description !== undefined && (body.description || null) !== row.description) {
      set.description = body.description || null;
      changes.description = { from: row.description, to: set.description };
    }
    if (Object.keys(changes).length === 0) return;
    tx.update(webhookEndpoints).set(set).where(eq(webhookEndpoints.id, id)).run();
    // Waiting attempts stay in the log, cancelled with the reason (counted in the audit entry).
    const cancelled = body.enabled === false ? cancelWaitingDeliveries(tx, id, 'Cancelled: the endpoint was disabled by its owner.') : 0;
    const action = changes.enabled ? (body.enabled ? 'webhook.enable' : 'webhook.disable') : 'webhook.update';
    audit(tx, actor, { action, tenantId: row.tenantId, targetType: TARGET, targetId: id, details: cancelled ? { changes, cancelledDeliveries: cancelled } : { changes } });
  });
  return endpointDtos(db, [endpointInScope(db, actor, id)])[0];
}

/** DELETE /webhooks/{id}: the endpoint and its delivery log. */
export async function deleteWebhook(db: DB, actor: Actor, id: string): Promise<void> {
  authorize(db, actor, 'webhooks:manage', { type: TARGET, id });
  endpointInScope(db, actor, id);
  db.transaction((tx) => {
    const row = endpointInScope(tx, actor, id);
    tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).run();
    audit(tx, actor, {
      action: 'webhook.delete', tenantId: row.tenantId, targetType: TARGET, targetId: id, targetName: row.description ? `${row.description} (${row.url})` : row.url,
      details: { url: row.url, events: row.events },
    });
  });
}

type DeliveryCursor = { t: number; id: string };
const isDeliveryCursor = (v: unknown): v is DeliveryCursor => !!v && typeof v === 'object' && typeof (v as DeliveryCursor).t === 'number' && typeof (v as DeliveryCursor).id === 'string';

/** GET /webhooks/{id}/deliveries: the endpoint's attempts, newest first, paged (`limit`, `cursor`). */
export async function listDeliveries(db: Executor, actor: Actor, id: string, query: unknown = {}): Promise<{ items: WebhookDeliveryDto[]; nextCursor: string | null }> {
  authorize(db, actor, 'webhooks:manage', { type: TARGET, id });
  endpointInScope(db, actor, id);
  const q = parseInput(listDeliveriesQuerySchema, query);
  const after = decodeCursor(q.cursor, isDeliveryCursor);
  const afterCursor: SQL | undefined = after
    ? or(lt(webhookDeliveries.createdAt, new Date(after.t)), and(eq(webhookDeliveries.createdAt, new Date(after.t)), lt(webhookDeliveries.id, after.id)))
    : undefined;
  const rows = db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, id), afterCursor))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(q.limit + 1)
    .all();
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return { items: items.map(deliveryDto), nextCursor: rows.length > q.limit ? encodeCursor({ t: last.createdAt.getTime(), id: last.id } satisfies DeliveryCursor) : null };
}

/**
 * POST /webhooks/{id}/test: sends a signed `webhook.test` event now (at most the timeout) and
 * answers with the attempt. One attempt, no retries; a disabled endpoint may be tested too.
 */
export async function sendTestEvent(db: DB, actor: Actor, id: string, io: WebhookIo = {}): Promise<WebhookDeliveryDto> {
  authorize(db, actor, 'webhooks:manage', { type: TARGET, id });
  const endpoint = endpointInScope(db, actor, id);
  const at = now(io);
  const messageId = newId('msg');
  const row = db.transaction((tx) => {
    const r = insertManualDelivery(
      tx, id,
      { messageId, trigger: 'test', attempt: 1, payload: { type: 'webhook.test', timestamp: new Date(at).toISOString(), data: { endpointId: id, tenantId: endpoint.tenantId, message: 'A test event from CloudShield.' } } },
      at,
      io.senderId,
    );
    audit(tx, actor, { action: 'webhook.test', tenantId: endpoint.tenantId, targetType: TARGET, targetId: id, details: { messageId } });
    return r;
  });
  return deliveryDto(await sendDelivery(db, endpoint, row, at, io));
}

/**
 * POST /webhooks/{id}/deliveries/{deliveryId}/redeliver: sends the same event again now, with
 * the same `webhook-id` (receivers de-duplicate by it) and a fresh signature. One attempt.
 */
export async function redeliver(db: DB, actor: Actor, id: string, deliveryId: string, io: WebhookIo = {}): Promise<WebhookDeliveryDto> {
  authorize(db, actor, 'webhooks:manage', { type: TARGET, id });
  const endpoint = endpointInScope(db, actor, id);
  const original = db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, id))).get();
  if (!original) throw new NotFoundError('webhook delivery', deliveryId);
  const at = now(io);
  const row = db.transaction((tx) => {
    const attempts = tx.select({ n: count() }).from(webhookDeliveries).where(and(eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.messageId, original.messageId))).get()!.n;
    const r = insertManualDelivery(tx, id, { messageId: original.messageId, trigger: 'redeliver', attempt: attempts + 1, payload: original.payload }, at, io.senderId);
    audit(tx, actor, { action: 'webhook.redeliver', tenantId: endpoint.tenantId, targetType: TARGET, targetId: id, details: { deliveryId, messageId: original.messageId } });
    return r;
  });
  return deliveryDto(await sendDelivery(db, endpoint, row, at, io));
}
