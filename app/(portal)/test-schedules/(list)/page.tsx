import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/domain/core/database';
import { FlashToast } from '@/components/portal/flash-toast';
import { DrillResultBadge } from '@/components/portal/test-schedules/drill-view';
import { ScheduleActions } from '@/components/portal/test-schedules/schedule-actions';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Icon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { requireActor } from '@/lib/auth/current-actor';
import { can } from '@/lib/auth/policy';
import { formatDateTime } from '@/lib/format';
import { listTestSchedules } from '@/lib/domain/drills/schedules';

export const metadata: Metadata = { title: 'Test schedules' };

export default async function TestSchedulesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor('/test-schedules');
  const [{ items }, params] = await Promise.all([listTestSchedules(getDb(), actor), searchParams]);
  // Client administrators, and staff acting for the tenant (the domain scopes both to it).
  const mayEdit = can(actor.role, 'operation:run') && (actor.role !== 'staff' || Boolean(actor.tenantId));
  const create = mayEdit && (
    <Link href="/test-schedules/new" className={buttonClasses({ variant: 'primary' })}>
      <Icon name="flask" className="size-4" />
      New schedule
    </Link>
  );
  return (
    <>
      {params.deleted && <FlashToast param="deleted" toast={{ tone: 'success', title: 'Test schedule deleted', description: 'Its past drills stay in the reports.' }} />}
      <PageHeader
        title="Test schedules"
        description="Scheduled test failovers (drills): the system starts a test of the groups on their test networks, checks the applications once each VM is up, stops the test after its duration and records the result — which counts as the annual test."
        actions={create}
      />
      <Card>
        {items.length === 0 ? (
          <EmptyState
            icon="flask"
            title="No test schedules yet"
            description={
              <>
                A schedule runs your DR tests for you, e.g. every Sunday at 02:00 UTC, and keeps the evidence auditors ask for.
                {!mayEdit && ' Your DR administrators create schedules; you will see them here.'}
              </>
            }
            action={create || undefined}
          />
        ) : (
          <Table caption="Test schedules" data-testid="test-schedules">
            <THead>
              <tr>
                <Th>Schedule</Th>
                <Th>Groups</Th>
                <Th>When (UTC)</Th>
                <Th numeric>Duration</Th>
                <Th>Last drill</Th>
                {mayEdit && <Th><span className="sr-only">Actions</span></Th>}
              </tr>
            </THead>
            <TBody>
              {items.map((s) => (
                <Tr key={s.id} data-testid="test-schedule-row">
                  <Td className="max-w-64">
                    <Link href={`/test-schedules/${s.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">{s.name}</Link>
                    {s.paused && <Badge tone="neutral" icon="pause" className="ml-2">Paused</Badge>}
                  </Td>
                  <Td className="text-xs">
                    {s.planName && <span className="block font-medium">Plan {s.planName}</span>}
                    {s.groups.map((g) => g.name).join(', ') || <span className="text-slate-500">No groups left</span>}
                  </Td>
                  <Td className="text-xs">
                    <span className="block font-medium">{s.cronText}</span>
                    <code className="text-slate-500 dark:text-slate-400">{s.cron}</code>
                    {s.nextRuns.length > 0 && <span className="block text-slate-600 dark:text-slate-400">Next: {s.nextRuns.map((t) => formatDateTime(t)).join(' · ')}</span>}
                  </Td>
                  <Td numeric className="whitespace-nowrap">{s.durationMinutes} min</Td>
                  <Td className="text-xs">
                    <DrillResultBadge drill={s.lastDrill} />
                    {s.lastDrill && <span className="mt-1 block text-slate-500 dark:text-slate-400">{formatDateTime(s.lastDrill.scheduledFor)}</span>}
                  </Td>
                  {mayEdit && (
                    <Td>
                      <ScheduleActions id={s.id} name={s.name} paused={s.paused} />
                    </Td>
                  )}
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
