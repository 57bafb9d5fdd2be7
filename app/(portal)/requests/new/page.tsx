import Link from 'next/link';
import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { RequestCreateForm } from '@/components/staff/request-create-form';
import { Card, CardBody } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/policy';
import { requireActor } from '@/lib/auth/current-actor';
import { listSites } from '@/lib/domain/inventory/sites';
import { listTenantVdcs } from '@/lib/domain/staff/vdcs';
import { createRequestAction } from '../actions';

export const metadata: Metadata = { title: 'Raise a service request' };

const PREFILL = ['kind', 'vdcId', 'title', 'description', 'vcpuGhz', 'memoryGb', 'storageGb', 'guaranteedIops'] as const;

export default async function NewRequestPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor('/requests/new');
  const crumbs = [{ label: 'Service requests', href: '/requests' }, { label: 'New' }];
  if (!can(actor.role, 'request:create')) {
    return (
      <>
        <PageHeader title="Raise a service request" breadcrumbs={crumbs} />
        <Card>
          <EmptyState
            icon="info"
            title="Only DR administrators raise requests"
            description="Ask one of your tenant's administrators; you can follow every request on the list."
            action={<Link href="/requests" className="text-sm text-sky-700 hover:underline">Back to requests</Link>}
          />
        </Card>
      </>
    );
  }
  const db = getDb();
  // Pre-filled from a link (Resources → Request more); the form's own validation still applies.
  const params = await searchParams;
  const initial = Object.fromEntries(PREFILL.flatMap((k) => (typeof params[k] === 'string' ? [[k, (params[k] as string).slice(0, 4000)]] : [])));
  const sites = await listSites(db, actor);
  return (
    <>
      <PageHeader title="Raise a service request" breadcrumbs={crumbs} description="Resource changes take effect when the provider resolves the request." />
      <Card className="max-w-4xl">
        <CardBody className="py-5">
          <RequestCreateForm action={createRequestAction} vdcs={listTenantVdcs(db, actor)} siteName={Object.fromEntries(sites.map((s) => [s.id, s.name]))} initial={initial} />
        </CardBody>
      </Card>
    </>
  );
}
