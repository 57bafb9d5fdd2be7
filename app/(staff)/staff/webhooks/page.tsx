import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { WebhooksCard } from '@/components/portal/settings/webhooks-card';
import { PageHeader } from '@/components/ui/page-header';
import { listProviderWebhooks } from '@/lib/domain/notifications/webhooks';
import { MAX_WEBHOOK_ENDPOINTS } from '@/lib/schemas/webhooks';
import { staffActor } from '../_lib/staff-actor';
import {
  createProviderWebhookAction, deleteProviderWebhookAction, providerWebhookDeliveriesAction, redeliverProviderWebhookAction, setProviderWebhookEnabledAction, testProviderWebhookAction,
} from './actions';

export const metadata: Metadata = { title: 'Webhooks' };

/**
 * The provider's own webhook endpoints (no tenant): they receive every tenant's events and the
 * provider's site, link and maintenance events. Tenants' endpoints stay in each tenant's Settings.
 */
export default async function ProviderWebhooksPage() {
  const { endpoints, tenantEndpointCount: tenantCount } = await listProviderWebhooks(getDb(), await staffActor());
  return (
    <>
      <PageHeader
        title="Webhooks"
        description={`The provider's signed webhook endpoints, into Calligo's own tools (NOC chat, paging, ticketing). Tenants manage their own endpoints in their Settings${tenantCount ? ` (${tenantCount} at present)` : ''}.`}
      />
      <WebhooksCard
        endpoints={endpoints}
        actions={{
          create: createProviderWebhookAction, remove: deleteProviderWebhookAction, setEnabled: setProviderWebhookEnabledAction,
          test: testProviderWebhookAction, redeliver: redeliverProviderWebhookAction, deliveries: providerWebhookDeliveriesAction,
        }}
        copy={{
          title: 'Provider endpoints',
          description: 'Signed HTTPS callbacks (Standard Webhooks) for the events you choose, from every tenant and from the provider itself (sites, links, maintenance). Failed deliveries are retried for 24 hours.',
          full: `The provider has the most endpoints allowed (${MAX_WEBHOOK_ENDPOINTS}); delete one to add another.`,
          empty: 'Add one to have site outages, failed operations and service requests of every tenant posted to the provider\'s own tools.',
        }}
      />
    </>
  );
}
