'use client';

import { OneTimeSecret } from './one-time-secret';
import { useRouter } from 'next/navigation';
import { Fragment, useState, useTransition } from 'react';
import {
  createWebhookAction,
  deleteWebhookAction,
  redeliverWebhookAction,
  setWebhookEnabledAction,
  testWebhookAction,
  webhookDeliveriesAction,
} from '@/app/(portal)/settings/actions';
import type { WebhookDeliveryDto, WebhookEndpointDto } from '@/lib/domain/notifications/webhooks';
import { MAX_WEBHOOK_ENDPOINTS, WEBHOOK_EVENT_TYPES } from '@/lib/schemas/webhooks';
import { errorsUnder, fieldError, type ActionResult } from '@/components/portal/action-result';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Field, Input } from '@/components/ui/field';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { formatDateTime } from '@/lib/format';

/** The event types a person may choose ("webhook.test" is sent on demand, never subscribed to). */
const CHOOSABLE = WEBHOOK_EVENT_TYPES.filter((t) => t !== 'webhook.test');
const DELIVERY_TONE = { delivered: 'success', failed: 'danger', pending: 'progress', cancelled: 'neutral' } as const;
const DELIVERY_LABEL = { delivered: 'Delivered', failed: 'Failed', pending: 'Pending', cancelled: 'Cancelled' } as const;

function endpointStatus(e: WebhookEndpointDto) {
  if (!e.enabled) return <Badge tone="danger" title={e.disabledReason ?? undefined}>Disabled</Badge>;
  if (e.failingSince) return <Badge tone="warning" title={`Failing since ${formatDateTime(e.failingSince)}`}>Failing</Badge>;
  return <Badge tone="success">Active</Badge>;
}

/** The server actions the card calls: the tenant's Settings' by default; the provider console passes its own (service-wide). */
export type WebhookActions = {
  create: typeof createWebhookAction;
  remove: typeof deleteWebhookAction;
  setEnabled: typeof setWebhookEnabledAction;
  test: typeof testWebhookAction;
  redeliver: typeof redeliverWebhookAction;
  deliveries: typeof webhookDeliveriesAction;
};
const SETTINGS_ACTIONS: WebhookActions = {
  create: createWebhookAction, remove: deleteWebhookAction, setEnabled: setWebhookEnabledAction,
  test: testWebhookAction, redeliver: redeliverWebhookAction, deliveries: webhookDeliveriesAction,
};
const TENANT_COPY = {
  title: 'Webhooks',
  description: 'Signed HTTPS callbacks into your own tools (ticketing, chat, paging) for the events you choose, per the Standard Webhooks specification. Failed deliveries are retried for 24 hours.',
  full: `Your organisation has the most endpoints allowed (${MAX_WEBHOOK_ENDPOINTS}); delete one to add another.`,
  empty: 'Add one to have site outages, RPO breaches and operations posted to your own tools.',
};
export type WebhookCopy = typeof TENANT_COPY;

/** Signed webhooks into the tenant's own tools: add (the secret is shown once), test, pause, delete, and the delivery log. */
export function WebhooksCard({ endpoints, actions = SETTINGS_ACTIONS, copy = TENANT_COPY }: { endpoints: WebhookEndpointDto[]; actions?: WebhookActions; copy?: WebhookCopy }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>(['site.down', 'rpo.breach', 'operation.failed']);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<WebhookEndpointDto | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [log, setLog] = useState<{ items: WebhookDeliveryDto[]; nextCursor: string | null } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();

  function create(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const r = await actions.create({ url, events, description: description || undefined });
      setResult(r);
      if (r.ok && r.secret) {
        setSecret(r.secret);
        setUrl('');
        setDescription('');
        router.refresh();
      } else if (!r.ok && !r.errors) toast({ tone: 'danger', title: 'Endpoint not added', description: r.message });
    });
  }

  async function loadLog(id: string, cursor?: string) {
    const r = await actions.deliveries(id, cursor);
    if (!r.ok) return toast({ tone: 'danger', title: 'Delivery log not loaded', description: r.message });
    setLog((prev) => ({ items: [...(cursor && prev ? prev.items : []), ...(r.items ?? [])], nextCursor: r.nextCursor ?? null }));
  }

  async function toggleLog(id: string) {
    if (open === id) {
      setOpen(null);
      return;
    }
    setOpen(id);
    setLog(null);
    await loadLog(id);
  }

  async function sendTest(e: WebhookEndpointDto) {
    setBusy(`test:${e.id}`);
    const r = await actions.test(e.id);
    setBusy(null);
    if (!r.ok) return toast({ tone: 'danger', title: 'Test event not sent', description: r.message });
    const d = r.delivery!;
    toast(
      d.status === 'delivered'
        ? { tone: 'success', title: 'Test event delivered', description: `HTTP ${d.statusCode} in ${d.latencyMs} ms.` }
        : { tone: 'danger', title: 'Test event failed', description: d.error ?? 'The endpoint did not accept it.' },
    );
    if (open === e.id) await loadLog(e.id);
    router.refresh();
  }

  async function resend(endpointId: string, d: WebhookDeliveryDto) {
    setBusy(`redeliver:${d.id}`);
    const r = await actions.redeliver(endpointId, d.id);
    setBusy(null);
    if (!r.ok) return toast({ tone: 'danger', title: 'Not redelivered', description: r.message });
    toast(r.delivery?.status === 'delivered' ? { tone: 'success', title: 'Redelivered' } : { tone: 'danger', title: 'Redelivery failed', description: r.delivery?.error ?? undefined });
    await loadLog(endpointId);
    router.refresh();
  }

  async function setEnabled(e: WebhookEndpointDto, enabled: boolean) {
    setBusy(`enable:${e.id}`);
    const r = await actions.setEnabled(e.id, enabled);
    setBusy(null);
    toast(r.ok ? { tone: 'success', title: r.message ?? 'Saved' } : { tone: 'danger', title: 'Not changed', description: r.message });
    router.refresh();
  }

  const eventsError = fieldError(result, 'events') ?? errorsUnder(result, 'events')[0] ?? null;

  return (
    <Card data-testid="webhooks-card">
      <CardHeader
        title={copy.title}
        description={copy.description}
      />
      <CardBody className="space-y-3">
        {endpoints.length < MAX_WEBHOOK_ENDPOINTS ? (
          <form onSubmit={create} className="space-y-3" noValidate>
            <div className="flex flex-wrap items-start gap-3">
              <Field htmlFor="webhook-url" label="Endpoint URL" error={fieldError(result, 'url')} className="w-[28rem] max-w-full">
                <Input id="webhook-url" type="url" value={url} placeholder="https://hooks.example.com/cloudshield" onChange={(e) => setUrl(e.target.value)} aria-invalid={fieldError(result, 'url') ? true : undefined} aria-describedby={fieldError(result, 'url') ? 'webhook-url-error' : undefined} />
              </Field>
              <Field htmlFor="webhook-description" label="Description (optional)" error={fieldError(result, 'description')} className="w-64">
                <Input id="webhook-description" value={description} maxLength={200} placeholder="e.g. On-call pager" onChange={(e) => setDescription(e.target.value)} />
              </Field>
            </div>
            <fieldset>
              <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Events</legend>
              <div className="mt-1 grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-3 lg:grid-cols-4">
                {CHOOSABLE.map((t) => (
                  <label key={t} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      className="size-4 accent-sky-700"
                      checked={events.includes(t)}
                      onChange={(e) => setEvents((prev) => (e.target.checked ? [...prev, t] : prev.filter((x) => x !== t)))}
                    />
                    <span className="font-mono text-xs">{t}</span>
                  </label>
                ))}
              </div>
              {eventsError && <p className="mt-1 text-sm text-red-700 dark:text-red-400" role="alert">{eventsError}</p>}
            </fieldset>
            <Button type="submit" variant="primary" pending={pending}>
              Add endpoint
            </Button>
          </form>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{copy.full}</p>
        )}
        {secret && (
          <OneTimeSecret secret={secret} testId="new-webhook-secret" message="Copy the signing secret now: it is shown only once. Your receiver verifies each delivery's webhook-signature with it." copiedTitle="Secret copied" onDismiss={() => setSecret(null)} />
        )}
      </CardBody>
      {endpoints.length === 0 ? (
        <EmptyState icon="settings" title="No webhook endpoints" description={copy.empty} />
      ) : (
        <Table caption="Webhook endpoints">
          <THead>
            <tr>
              <Th>Endpoint</Th>
              <Th>Events</Th>
              <Th>Status</Th>
              <Th>Last delivery</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {endpoints.map((e) => (
              <Fragment key={e.id}>
                <Tr>
                  <Td className="max-w-xs">
                    <div className="truncate font-mono text-xs" title={e.url}>{e.url}</div>
                    {e.description && <div className="text-xs text-slate-500">{e.description}</div>}
                    {!e.enabled && e.disabledReason && <div className="mt-1 text-xs text-red-700 dark:text-red-400">{e.disabledReason}</div>}
                  </Td>
                  <Td className="text-xs">{e.events.join(', ')}</Td>
                  <Td>{endpointStatus(e)}</Td>
                  <Td className="text-xs">
                    {e.lastDelivery ? (
                      <span className="flex items-center gap-2">
                        <Badge tone={DELIVERY_TONE[e.lastDelivery.status]}>{e.lastDelivery.statusCode ?? DELIVERY_LABEL[e.lastDelivery.status]}</Badge>
                        {e.lastDelivery.attemptedAt && formatDateTime(e.lastDelivery.attemptedAt)}
                      </span>
                    ) : (
                      'None yet'
                    )}
                  </Td>
                  <Td className="text-right whitespace-nowrap">
                    <Button size="sm" variant="ghost" pending={busy === `test:${e.id}`} onClick={() => sendTest(e)} aria-label={`Send a test event to ${e.url}`}>
                      Send test
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => toggleLog(e.id)} aria-expanded={open === e.id} aria-controls={`webhook-log-${e.id}`}>
                      {open === e.id ? 'Hide log' : 'Deliveries'}
                    </Button>
                    <Button size="sm" variant="ghost" pending={busy === `enable:${e.id}`} onClick={() => setEnabled(e, !e.enabled)}>
                      {e.enabled ? 'Pause' : 'Enable'}
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => setDeleting(e)} aria-label={`Delete endpoint ${e.url}`}>
                      Delete
                    </Button>
                  </Td>
                </Tr>
                {open === e.id && (
                  <tr id={`webhook-log-${e.id}`}>
                    <td colSpan={5} className="bg-slate-50 px-4 py-3 dark:bg-slate-900/50">
                      {!log ? (
                        <p className="text-sm text-slate-500">Loading deliveries…</p>
                      ) : log.items.length === 0 ? (
                        <p className="text-sm text-slate-500">No deliveries yet. Send a test event to try the endpoint.</p>
                      ) : (
                        <Table caption={`Deliveries to ${e.url}`}>
                          <THead>
                            <tr>
                              <Th>Time</Th>
                              <Th>Event</Th>
                              <Th numeric>Attempt</Th>
                              <Th>Status</Th>
                              <Th numeric>Latency</Th>
                              <Th>Message id</Th>
                              <Th>
                                <span className="sr-only">Actions</span>
                              </Th>
                            </tr>
                          </THead>
                          <TBody>
                            {log.items.map((d) => (
                              <Tr key={d.id}>
                                <Td className="text-xs whitespace-nowrap">{formatDateTime(d.attemptedAt ?? d.nextAttemptAt ?? d.createdAt)}</Td>
                                <Td className="font-mono text-xs">{d.eventType}{d.trigger !== 'event' && <span className="ml-1 text-slate-500">({d.trigger})</span>}</Td>
                                <Td numeric>{d.attempt}</Td>
                                <Td>
                                  <Badge tone={DELIVERY_TONE[d.status]} title={d.error ?? undefined}>
                                    {d.statusCode ? `${DELIVERY_LABEL[d.status]} · ${d.statusCode}` : DELIVERY_LABEL[d.status]}
                                  </Badge>
                                  {(d.status === 'failed' || d.status === 'cancelled') && d.error && <div className="mt-1 max-w-xs truncate text-xs text-slate-500" title={d.error}>{d.error}</div>}
                                </Td>
                                <Td numeric className="text-xs">{d.latencyMs != null ? `${d.latencyMs} ms` : '—'}</Td>
                                <Td className="font-mono text-xs">{d.messageId}</Td>
                                <Td className="text-right">
                                  {d.status !== 'pending' && (
                                    <Button size="sm" variant="ghost" pending={busy === `redeliver:${d.id}`} onClick={() => resend(e.id, d)} aria-label={`Redeliver ${d.eventType} ${d.messageId}`}>
                                      Redeliver
                                    </Button>
                                  )}
                                </Td>
                              </Tr>
                            ))}
                          </TBody>
                        </Table>
                      )}
                      {log?.nextCursor && (
                        <Button size="sm" className="mt-2" onClick={() => loadLog(e.id, log.nextCursor!)}>
                          Older deliveries
                        </Button>
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </TBody>
        </Table>
      )}
      <ConfirmDialog
        open={deleting != null}
        onOpenChange={(o) => !o && setDeleting(null)}
        tone="danger"
        title="Delete this webhook endpoint?"
        description={`${deleting?.url ?? ''} stops receiving events at once and its delivery log is deleted. This cannot be undone.`}
        confirmLabel="Delete endpoint"
        onConfirm={async () => {
          if (!deleting) return;
          const r = await actions.remove(deleting.id);
          if (!r.ok) {
            toast({ tone: 'danger', title: 'Endpoint not deleted', description: r.message });
            throw new Error(r.message);
          }
          toast({ tone: 'success', title: 'Endpoint deleted' });
          if (open === deleting.id) setOpen(null);
          router.refresh();
        }}
      />
    </Card>
  );
}
