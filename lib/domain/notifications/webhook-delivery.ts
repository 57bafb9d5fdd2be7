/**
 * Signed webhook delivery (Standard Webhooks). Deliveries are rows: enqueueWebhook writes one
 * pending attempt per subscribed endpoint in the caller's transaction; deliverDueWebhooks sends
 * the attempts that are due, records each outcome on its row and schedules the next attempt
 * (exponential backoff for 24 h after the first). An endpoint whose attempts have all failed for
 * 24 h is disabled, with the reason, and its owner told (an audit entry and a `webhook.disabled`
 * e-mail). A slow receiver costs at most the timeout, off the request path.
 *
 * Each attempt is claimed (a lease, WEBHOOK_LEASE_MS) in a write transaction before it is sent,
 * so two portal processes on one database never send the same attempt at once; a process killed
 * between sending and recording leaves the lease to run out, and the loop then sends the attempt
 * again with the same `webhook-id` (at least once; receivers de-duplicate by it).
 */
import 'server-only';
import { randomBytes } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { and, asc, eq, inArray, isNull, lte, ne, or } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { getDb, type DB, type Executor } from '@/db';
import { outboxEvents, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { webhookAllowPrivate } from '@/lib/config';
import { SYSTEM_ACTOR } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { recordEvent } from '@/lib/core/outbox';
import { newId } from '@/lib/ids';
import { PROVIDER_WIDE_EVENT_TYPES, type NotificationEventType } from '@/lib/schemas/notifications';
import { WEBHOOK_EVENT_TYPES, type WebhookDeliveryTrigger } from '@/lib/schemas/webhooks';
import { PROCESS_CLAIMANT } from './claims';
import { encryptStoredSecrets, openSecret } from './secret-box';
import { checkWebhookUrl, isForbiddenAddress, type Resolver } from './url-guard';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookBody = { type: string; timestamp: string; data: unknown };

// ---------------------------------------------------------------------------------------------
// Schedule (pure)

/** The wait after each failed attempt: 5 s, 5 min, 30 min, 2 h, 5 h, then 10 h. */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000] as const;
/** Retries stop this long after the first attempt; the last one is made at exactly this point. */
export const RETRY_WINDOW_MS = 24 * 3_600_000;
/** An endpoint whose every attempt failed for this long is disabled. */
export const DISABLE_AFTER_MS = 24 * 3_600_000;
/** How long a receiver has to answer. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * When the attempt after failed attempt number `attempt` (1-based) is due, or null when the
 * 24 h window is over. Attempts fall at 0, 5 s, ~5 min, ~35 min, ~2.6 h, ~7.6 h, ~17.6 h and a
 * last one at exactly 24 h after the first.
 */
export function nextAttemptTime(attempt: number, firstAttemptMs: number, failedAtMs: number): number | null {
  const deadline = firstAttemptMs + RETRY_WINDOW_MS;
  if (failedAtMs >= deadline) return null;
  const delay = RETRY_DELAYS_MS[Math.min(Math.max(attempt, 1), RETRY_DELAYS_MS.length) - 1];
  return Math.min(failedAtMs + delay, deadline);
}

// ---------------------------------------------------------------------------------------------
// Signing

/** A new signing secret: `whsec_` and 32 random bytes in base64, as Standard Webhooks has it. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The headers of one signed delivery of `body` (the exact bytes sent). */
export function signedHeaders(secret: string, messageId: string, body: string, at: Date): Record<string, string> {
  const signature = new Webhook(secret).sign(messageId, at, body);
  return {
    'content-type': 'application/json',
    'user-agent': 'CloudShield-Webhooks/1',
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
  };
}

// ---------------------------------------------------------------------------------------------
// One HTTP attempt

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * The connection's own DNS answer is checked too: the address connected to is one the guard
 * has seen, so a name that resolves to a public address for the check and to a private one a
 * moment later (DNS rebinding) is refused at connect time.
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error);
      const bad = allowPrivate ? undefined : addresses.find((a) => isForbiddenAddress(a.address));
      if (bad) return callback(Object.assign(new Error(`${hostname} now resolves to ${bad.address}, a private or reserved address.`), { code: 'EADDRFORBIDDEN' }));
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  }) as unknown as LookupFunction;
}

/**
 * The default sender: a POST over node:http(s) whose DNS lookups go through the guard (see
 * guardedLookup), honouring the abort signal, never following a redirect, reading at most
 * 4 KiB of the answer. Answers with the status only (the body is of no use).
 */
export function guardedFetch(allowPrivate: boolean): FetchLike {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input);
      const body = typeof init.body === 'string' ? init.body : '';
      const request = (url.protocol === 'https:' ? https : http).request(
        url,
        { method: init.method ?? 'POST', headers: { ...(init.headers as Record<string, string>), 'content-length': String(Buffer.byteLength(body)) }, lookup: guardedLookup(allowPrivate) },
        (res) => {
          let read = 0;
          const done = () => {
            const status = res.statusCode ?? 0;
            resolve(status >= 200 && status <= 599 ? new Response(null, { status }) : Response.error());
          };
          res.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > 4096) {
              res.destroy();
              done();
            }
          });
          res.on('end', done);
          res.on('error', done);
        },
      );
      const signal = init.signal;
      if (signal) {
        if (signal.aborted) request.destroy(signal.reason as Error);
        signal.addEventListener('abort', () => request.destroy(signal.reason as Error), { once: true });
      }
      request.on('error', (error) => reject(signal?.aborted ? signal.reason : error));
      request.end(body);
    });
}

export type DeliveryOptions = {
  fetchImpl?: FetchLike;
  /** DNS for the re-check before sending (tests inject one). */
  resolve?: Resolver;
  /** Defaults to WEBHOOK_ALLOW_PRIVATE. */
  allowPrivate?: boolean;
  timeoutMs?: number;
  /** Who claims the attempts (a lease); this process by default. Two loops racing need two ids. */
  senderId?: string;
  /** Test hook: runs (and is awaited) after an attempt was made and before its outcome is recorded (a crash there). */
  afterAttempt?: (row: DeliveryRow, result: AttemptResult) => void | Promise<void>;
};

/**
 * How long a claimed attempt stays with its sender: well beyond the 10 s timeout, so a live
 * sender always records its outcome first; after a crash, the loop takes it over once passed.
 */
export const WEBHOOK_LEASE_MS = 60_000;

export type AttemptResult = { ok: boolean; statusCode: number | null; latencyMs: number; error: string | null };

/** Reads and drops at most a few KiB of the answer, so a receiver cannot make us hold a large body. */
async function drain(res: Response, limit = 4096): Promise<void> {
  const reader = res.body?.getReader();
  if (!reader) return;
  let read = 0;
  try {
    while (read < limit) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
  } catch {
    // the answer's body does not matter
  } finally {
    reader.cancel().catch(() => {});
  }
}

/**
 * POSTs one signed body to the endpoint: the URL is checked again first (the name may resolve
 * elsewhere now), redirects are not followed (a 3xx is a failure), 10 s at most. Never throws.
 */
export async function attemptDelivery(endpoint: Pick<EndpointRow, 'url' | 'secret'>, messageId: string, body: WebhookBody, options: DeliveryOptions = {}): Promise<AttemptResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const check = await checkWebhookUrl(endpoint.url, { allowPrivate: options.allowPrivate ?? webhookAllowPrivate(), resolve: options.resolve });
  if (!check.ok) return { ok: false, statusCode: null, latencyMs: latency(), error: `Refused: ${check.reason}` };
  const text = JSON.stringify(body);
  let secret: string;
  try {
    secret = openSecret(endpoint.secret);
  } catch (error) {
    return { ok: false, statusCode: null, latencyMs: latency(), error: (error as Error).message };
  }
  // The signature's timestamp is the real time of sending: receivers check it against their clock.
  const headers = signedHeaders(secret, messageId, text, new Date());
  try {
    const allowPrivate = options.allowPrivate ?? webhookAllowPrivate();
    const res = await (options.fetchImpl ?? guardedFetch(allowPrivate))(check.url.toString(), {
      method: 'POST',
      headers,
      body: text,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? DELIVERY_TIMEOUT_MS),
    });
    await drain(res);
    const ok = res.status >= 200 && res.status < 300;
    const error = ok ? null : res.status >= 300 && res.status < 400 ? `Redirect (HTTP ${res.status}) not followed.` : `HTTP ${res.status}`;
    return { ok, statusCode: res.status || null, latencyMs: latency(), error };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const message =
      name === 'TimeoutError' || name === 'AbortError'
        ? `No answer within ${Math.round((options.timeoutMs ?? DELIVERY_TIMEOUT_MS) / 1000)} s.`
        : `Could not connect: ${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)}`;
    return { ok: false, statusCode: null, latencyMs: latency(), error: message.slice(0, 500) };
  }
}

// ---------------------------------------------------------------------------------------------
// Recording outcomes

/**
 * Records an attempt's outcome on its row; on failure schedules the next attempt (events only:
 * a test or a redelivery is one attempt) and disables the endpoint once it has failed for 24 h.
 */
function recordOutcome(tx: Executor, endpointId: string, row: DeliveryRow, result: AttemptResult, nowMs: number, senderId: string): void {
  const now = new Date(nowMs);
  // Recorded unless another sender took the attempt over (this one outlived its lease): then
  // that sender's attempt is the one on record and schedules what follows.
  const recorded = tx.update(webhookDeliveries)
    .set({
      status: result.ok ? 'delivered' : 'failed',
      statusCode: result.statusCode,
      latencyMs: result.latencyMs,
      error: result.error,
      nextAttemptAt: null,
      attemptedAt: now,
      deliveredAt: result.ok ? now : null,
      claimedBy: null,
      claimedUntil: null,
    })
    .where(and(eq(webhookDeliveries.id, row.id), or(isNull(webhookDeliveries.claimedBy), eq(webhookDeliveries.claimedBy, senderId))))
    .run();
  if (recorded.changes === 0) return;
  const endpoint = tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId)).get();
  if (!endpoint) return;
  if (result.ok) {
    if (endpoint.failingSince) tx.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, endpointId)).run();
    return;
  }
  const failingSince = endpoint.failingSince ?? now;
  if (!endpoint.failingSince) tx.update(webhookEndpoints).set({ failingSince }).where(eq(webhookEndpoints.id, endpointId)).run();
  if (row.trigger === 'event' && endpoint.enabled) {
    const next = nextAttemptTime(row.attempt, row.firstAttemptAt.getTime(), nowMs);
    if (next !== null) {
      tx.insert(webhookDeliveries)
        .values({
          id: newId('whd'), endpointId, messageId: row.messageId, eventType: row.eventType, payload: row.payload, trigger: 'event',
          attempt: row.attempt + 1, status: 'pending', nextAttemptAt: new Date(next), firstAttemptAt: row.firstAttemptAt, createdAt: now,
        })
        .run();
    }
  }
  if (endpoint.enabled && nowMs - failingSince.getTime() >= DISABLE_AFTER_MS) disableFailingEndpoint(tx, endpoint, failingSince, nowMs, result.error);
}

function disableFailingEndpoint(tx: Executor, endpoint: EndpointRow, failingSince: Date, nowMs: number, lastError: string | null): void {
  const reason = `Every delivery failed for 24 hours (since ${failingSince.toISOString()}; last: ${lastError ?? 'failed'}).`;
  tx.update(webhookEndpoints).set({ enabled: false, disabledReason: reason }).where(eq(webhookEndpoints.id, endpoint.id)).run();
  // What was still waiting will not be sent to a disabled endpoint: kept in the log, cancelled, with the reason.
  cancelWaitingDeliveries(tx, endpoint.id, 'Cancelled: the endpoint was disabled after failing for 24 hours.');
  // Its owner is told by e-mail (not by webhook: it is the endpoint that cannot be reached):
  // a tenant's client administrators for a tenant's endpoint, staff for a provider one.
  recordEvent(tx, {
    type: 'webhook.disabled', tenantId: endpoint.tenantId, occurredAt: nowMs,
    payload: {
      webhookId: endpoint.id, url: endpoint.url, reason, failingSince: failingSince.toISOString(), subject: endpoint.url,
      summary: `The webhook endpoint ${endpoint.url}${endpoint.description ? ` (${endpoint.description})` : ''} was disabled: ${reason} Fix the receiver, then enable it again (Settings → Webhooks, or PATCH /api/v1/webhooks/${endpoint.id}).`,
    },
  });
  audit(tx, SYSTEM_ACTOR, {
    action: 'webhook.disabled', tenantId: endpoint.tenantId, targetType: 'webhook-endpoint', targetId: endpoint.id, outcome: 'failed',
    details: { url: endpoint.url, reason, failingSince: failingSince.toISOString(), disabledAt: new Date(nowMs).toISOString(), createdBy: endpoint.createdBy },
  });
}

/**
 * Marks an endpoint's waiting attempts cancelled, with the reason, when it is disabled (by the
 * system or its owner): they stay in its log rather than silently vanish, and a redelivery
 * can send them later. An attempt in flight right now still records its real outcome.
 */
export function cancelWaitingDeliveries(tx: Executor, endpointId: string, reason: string): number {
  return tx.update(webhookDeliveries)
    .set({ status: 'cancelled', error: reason, nextAttemptAt: null })
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, 'pending')))
    .run().changes;
}

/** Makes one attempt of a (claimed) row now and records it: what the loop, "send a test event" and "redeliver" share. */
export async function sendDelivery(db: DB, endpoint: EndpointRow, row: DeliveryRow, nowMs: number, options: DeliveryOptions = {}): Promise<DeliveryRow> {
  const result = await attemptDelivery(endpoint, row.messageId, row.payload, options);
  await options.afterAttempt?.(row, result);
  db.transaction((tx) => recordOutcome(tx, endpoint.id, row, result, nowMs, options.senderId ?? PROCESS_CLAIMANT));
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, row.id)).get()!;
}

/**
 * Writes a one-off attempt (test or redelivery) of a body to one endpoint, pending and claimed
 * by the request that sends it right away. Should that process die before recording the
 * outcome, the lease runs out and the delivery loop makes the attempt instead: it never stays
 * pending for ever.
 */
export function insertManualDelivery(
  tx: Executor,
  endpointId: string,
  input: { messageId: string; trigger: Exclude<WebhookDeliveryTrigger, 'event'>; payload: WebhookBody; attempt: number },
  nowMs: number,
  senderId: string = PROCESS_CLAIMANT,
): DeliveryRow {
  const now = new Date(nowMs);
  const row = {
    id: newId('whd'), endpointId, messageId: input.messageId, eventType: input.payload.type, payload: input.payload, trigger: input.trigger,
    attempt: input.attempt, status: 'pending' as const, nextAttemptAt: now, firstAttemptAt: now, createdAt: now,
    claimedBy: senderId, claimedUntil: new Date(nowMs + WEBHOOK_LEASE_MS),
  };
  tx.insert(webhookDeliveries).values(row).run();
  return tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, row.id)).get()!;
}

// ---------------------------------------------------------------------------------------------
// Enqueue and the loop step

export type WebhookEventInput = {
  /** The `webhook-id`: the outbox event's id, the same for every attempt and redelivery. */
  messageId: string;
  type: string;
  /** The tenant the event is about; null for a provider-wide event (a site down...). */
  tenantId: string | null;
  payload: unknown;
  occurredAt: Date | number | string;
};

/**
 * Writes a pending delivery of the event for every enabled endpoint subscribed to its type:
 * the tenant's own endpoints for a tenant's event, and every provider endpoint (staff see every
 * event). Call it in the transaction that records the event. Idempotent per (endpoint,
 * messageId): a second call for the same event writes nothing. Returns how many were written.
 */
export function enqueueWebhook(tx: Executor, event: WebhookEventInput, nowMs: number = Date.now(), { providerEndpoints = true } = {}): number {
  const tenantScope = event.tenantId
    ? providerEndpoints ? or(isNull(webhookEndpoints.tenantId), eq(webhookEndpoints.tenantId, event.tenantId)) : eq(webhookEndpoints.tenantId, event.tenantId)
    : isNull(webhookEndpoints.tenantId);
  const candidates = tx
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.enabled, true), tenantScope))
    .all()
    .filter((e) => e.events.includes(event.type));
  if (candidates.length === 0) return 0;
  const already = new Set(
    tx
      .select({ endpointId: webhookDeliveries.endpointId })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.messageId, event.messageId), eq(webhookDeliveries.trigger, 'event'), inArray(webhookDeliveries.endpointId, candidates.map((c) => c.id))))
      .all()
      .map((r) => r.endpointId),
  );
  const now = new Date(nowMs);
  const body: WebhookBody = { type: event.type, timestamp: new Date(event.occurredAt).toISOString(), data: event.payload };
  const rows = candidates
    .filter((c) => !already.has(c.id))
    .map((c) => ({
      id: newId('whd'), endpointId: c.id, messageId: event.messageId, eventType: event.type, payload: body, trigger: 'event' as const,
      attempt: 1, status: 'pending' as const, nextAttemptAt: now, firstAttemptAt: now, createdAt: now,
    }));
  if (rows.length) tx.insert(webhookDeliveries).values(rows).run();
  return rows.length;
}

/**
 * Hands the outbox's events (lib/core/outbox.ts, written in the transaction of the change) to
 * the webhook endpoints: each event not yet queued gets its deliveries and is marked, in one
 * transaction. A crash in between only repeats enqueueWebhook, which is idempotent by message
 * id. A provider-wide event (a site down) is recorded once for the provider and once per tenant
 * it touches: provider endpoints take the provider's copy only, so they get it once.
 */
export function queueOutboxEvents(db: DB, nowMs: number, limit = 200): number {
  const events = db.select().from(outboxEvents).where(isNull(outboxEvents.webhooksQueuedAt)).orderBy(asc(outboxEvents.createdAt)).limit(limit).all();
  let queued = 0;
  for (const e of events) {
    // Immediate: a second process queuing the same event waits, then finds it queued.
    db.transaction((tx) => {
      const still = tx.select({ at: outboxEvents.webhooksQueuedAt }).from(outboxEvents).where(eq(outboxEvents.id, e.id)).get();
      if (!still || still.at) return;
      if ((WEBHOOK_EVENT_TYPES as readonly string[]).includes(e.type)) {
        const providerCopy = !e.tenantId || !PROVIDER_WIDE_EVENT_TYPES.includes(e.type as NotificationEventType);
        queued += enqueueWebhook(tx, { messageId: e.id, type: e.type, tenantId: e.tenantId, payload: e.payload, occurredAt: e.occurredAt }, nowMs, { providerEndpoints: providerCopy });
      }
      tx.update(outboxEvents).set({ webhooksQueuedAt: new Date(nowMs) }).where(eq(outboxEvents.id, e.id)).run();
    }, { behavior: 'immediate' });
  }
  return queued;
}

export type DeliveryStepResult = { attempted: number; delivered: number; failed: number };

/**
 * One step of the delivery loop: sends (in parallel, at most `limit`) the pending attempts due
 * by `nowMs` to enabled endpoints, records each and schedules retries. `fetchImpl` defaults to
 * guardedFetch (node:http(s) with the SSRF guard on its own DNS lookups). A failing or slow receiver costs this step at most the timeout.
 */
export async function deliverDueWebhooks(db: DB, nowMs: number, fetchImpl?: FetchLike, options: Omit<DeliveryOptions, 'fetchImpl'> & { limit?: number } = {}): Promise<DeliveryStepResult> {
  const senderId = options.senderId ?? PROCESS_CLAIMANT;
  const now = new Date(nowMs);
  // Claimed in one write transaction: a second process running the same step gets the others.
  const due = db.transaction(
    (tx) => {
      const rows = tx
        .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .where(and(
          eq(webhookDeliveries.status, 'pending'),
          // Due; a test or redelivery written before leases existed has no time: due too.
          or(lte(webhookDeliveries.nextAttemptAt, now), isNull(webhookDeliveries.nextAttemptAt)),
          or(isNull(webhookDeliveries.claimedUntil), lte(webhookDeliveries.claimedUntil, now)),
          // Events go to enabled endpoints only; an interrupted test or redelivery is finished
          // either way (a disabled endpoint may be tested).
          or(eq(webhookEndpoints.enabled, true), ne(webhookDeliveries.trigger, 'event')),
        ))
        .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
        .limit(options.limit ?? 50)
        .all();
      if (rows.length) {
        tx.update(webhookDeliveries)
          .set({ claimedBy: senderId, claimedUntil: new Date(nowMs + WEBHOOK_LEASE_MS) })
          .where(inArray(webhookDeliveries.id, rows.map((r) => r.delivery.id)))
          .run();
      }
      return rows;
    },
    { behavior: 'immediate' },
  );
  const results = await Promise.all(due.map(({ delivery, endpoint }) => sendDelivery(db, endpoint, delivery, nowMs, { ...options, fetchImpl, senderId })));
  const delivered = results.filter((r) => r.status === 'delivered').length;
  return { attempted: results.length, delivered, failed: results.length - delivered };
}

// ---------------------------------------------------------------------------------------------
// Background loop (started by instrumentation.ts)

type LoopState = { timer: ReturnType<typeof setInterval> | null; running: boolean };
const g = globalThis as unknown as { __cloudshieldWebhookLoop?: LoopState };

/** Starts the delivery loop once per process (idempotent); returns a stop function. */
export function startWebhookDelivery(intervalMs = 2_000): () => void {
  const state = (g.__cloudshieldWebhookLoop ??= { timer: null, running: false });
  if (!state.timer) {
    // Secrets stored in clear by an earlier version are encrypted once, at start.
    try {
      const sealed = encryptStoredSecrets(getDb());
      if (sealed) console.log(`[cloudshield] encrypted ${sealed} webhook signing secret(s) stored in clear`);
    } catch (error) {
      console.error('[cloudshield] could not encrypt the stored webhook secrets', error);
    }
    state.timer = setInterval(() => {
      if (state.running) return; // a slow step is never overlapped by the next
      state.running = true;
      Promise.resolve()
        .then(() => {
          queueOutboxEvents(getDb(), Date.now());
          return deliverDueWebhooks(getDb(), Date.now());
        })
        .catch((error) => console.error('webhook delivery step failed', error))
        .finally(() => {
          state.running = false;
        });
    }, intervalMs);
    state.timer.unref?.();
  }
  return () => {
    if (state.timer) clearInterval(state.timer);
    state.timer = null;
  };
}
