import Link from 'next/link';
import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { PriorityBadge, RequestStatusBadge, ResponseDeadline } from '@/components/staff/request-badges';
import { RequestTitleLink } from '@/components/staff/request-summary';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Icon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { can } from '@/lib/auth/policy';
import { requireActor } from '@/lib/auth/current-actor';
import { formatDateTime } from '@/lib/format';
import { simDate } from '@/lib/domain/core/clock';
import { listServiceRequests } from '@/lib/domain/staff/service-requests';

export const metadata: Metadata = { title: 'Service requests' };

export default async function ClientRequestsPage() {
  const actor = await requireActor('/requests');
  const now = await simDate();
  const requests = await listServiceRequests(getDb(), actor, {}, now);
  const mayRaise = can(actor.role, 'request:create');
  const raise = mayRaise && (
    <Link href="/requests/new" className={buttonClasses({ variant: 'primary' })}>
      <Icon name="ticket" className="size-4" />
      Raise a request
    </Link>
  );
  return (
    <>
      <PageHeader
        title="Service requests"
        description="Ask the provider to grow or shrink your reserved resources, or for anything else. Each request has a response deadline set by its priority."
        actions={raise}
      />
      <Card>
        {requests.length === 0 ? (
          <EmptyState
            icon="ticket"
            title="No service requests yet"
            description={mayRaise ? 'Raise one to change your vDC resources or ask the provider for help.' : 'Your DR administrators raise requests; you can follow them here.'}
            action={raise || undefined}
          />
        ) : (
          <Table caption="Service requests" data-testid="client-requests">
            <THead>
              <tr>
                <Th>Priority</Th>
                <Th>Request</Th>
                <Th>Status</Th>
                <Th>Raised</Th>
                <Th>Provider response</Th>
              </tr>
            </THead>
            <TBody>
              {requests.map((r) => (
                <Tr key={r.id}>
                  <Td>
                    <PriorityBadge priority={r.priority} />
                  </Td>
                  <Td>
                    <RequestTitleLink request={r} href={`/requests/${r.id}`} />
                  </Td>
                  <Td>
                    <RequestStatusBadge status={r.status} />
                  </Td>
                  <Td className="whitespace-nowrap text-xs">
                    {formatDateTime(r.createdAt)}
                    <span className="block text-slate-500">{r.requestedByEmail}</span>
                  </Td>
                  <Td>
                    <ResponseDeadline request={r} now={now} />
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
