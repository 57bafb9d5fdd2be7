import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { AutoRefresh } from '@/components/shell/auto-refresh';
import { PriorityBadge, RequestStatusBadge, ResponseDeadline } from '@/components/staff/request-badges';
import { RequestTitleLink } from '@/components/staff/request-summary';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Select } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatRelative } from '@/lib/format';
import { simDate } from '@/lib/domain/core/clock';
import { RESPONSE_TARGETS } from '@/lib/schemas/requests';
import { listServiceRequests } from '@/lib/domain/staff/service-requests';
import { listTenants } from '@/lib/domain/staff/tenants';
import { staffActor } from '../_lib/staff-actor';

export const metadata: Metadata = { title: 'Service requests' };

const STATUS_FILTERS = [
  { value: 'active', label: 'Open and in progress' },
  { value: 'open', label: 'Open' },
  { value: 'in-progress', label: 'In progress' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'all', label: 'All' },
];

export default async function RequestQueuePage({ searchParams }: { searchParams: Promise<{ status?: string; tenantId?: string }> }) {
  const sp = await searchParams;
  const status = STATUS_FILTERS.some((f) => f.value === sp.status) ? sp.status! : 'active';
  const db = getDb();
  const actor = await staffActor();
  const now = await simDate();
  const tenants = listTenants(db, actor);
  const tenantId = tenants.some((t) => t.id === sp.tenantId) ? sp.tenantId : undefined;
  const requests = await listServiceRequests(db, actor, { status: status === 'all' ? undefined : status, tenantId }, now);

  return (
    <>
      {/* Requests change through their use cases ('requests'); a response deadline passing is the clock, not a change:
          that alone is re-rendered once a minute. */}
      <AutoRefresh seconds={15} topics={['requests']} clockSeconds={60} />
      <PageHeader
        title="Service requests"
        description={`Response targets: ${Object.entries(RESPONSE_TARGETS)
          .map(([p, t]) => `${p} ${t.label}`)
          .join(' · ')} (business days skip weekends).`}
      />
      {/* A GET form: filters live in the URL, work without JavaScript and survive a reload. */}
      <form className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter requests">
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400">Status</span>
          <Select name="status" defaultValue={status} className="w-52">
            {STATUS_FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400">Tenant</span>
          <Select name="tenantId" defaultValue={tenantId ?? ''} className="w-52">
            <option value="">All tenants</option>
            {tenants.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </label>
        <Button type="submit">Filter</Button>
      </form>
      <Card>
        {requests.length === 0 ? (
          <EmptyState icon="ticket" title="The queue is empty" description="Requests raised by client admins appear here with their response deadline." />
        ) : (
          <Table caption="Service request queue" data-testid="request-queue">
            <THead>
              <tr>
                <Th>Priority</Th>
                <Th>Request</Th>
                <Th>Tenant</Th>
                <Th>Status</Th>
                <Th>Assigned</Th>
                <Th>Raised</Th>
                <Th>Response</Th>
              </tr>
            </THead>
            <TBody>
              {requests.map((r) => (
                <Tr key={r.id}>
                  <Td>
                    <PriorityBadge priority={r.priority} />
                  </Td>
                  <Td>
                    <RequestTitleLink request={r} href={`/staff/requests/${r.id}`} />
                  </Td>
                  <Td>{r.tenantName}</Td>
                  <Td>
                    <RequestStatusBadge status={r.status} />
                  </Td>
                  <Td className="text-xs">{r.assignedToEmail ?? <span className="text-slate-500">Unassigned</span>}</Td>
                  <Td className="whitespace-nowrap text-xs">{formatRelative(r.createdAt, now)}</Td>
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
