import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { CancelMaintenanceButton } from '@/components/staff/cancel-maintenance-button';
import { MaintenanceForm } from '@/components/staff/maintenance-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDateTime, formatDuration, formatRelative } from '@/lib/format';
import { simDate } from '@/lib/domain/core/clock';
import type { MaintenanceWindowDto } from '@/lib/domain/staff/dto';
import { listSites } from '@/lib/domain/inventory/sites';
import { listMaintenance } from '@/lib/domain/staff/maintenance';
import { staffActor } from '../_lib/staff-actor';
import { cancelMaintenanceAction, createMaintenanceAction } from './actions';

export const metadata: Metadata = { title: 'Maintenance' };

/** The end as a time alone when the window ends the day it starts. */
function endLabel(w: MaintenanceWindowDto): string {
  const sameDay = w.startsAt.slice(0, 10) === w.endsAt.slice(0, 10);
  return sameDay ? formatDateTime(w.endsAt).replace(/^.*, /, '') : formatDateTime(w.endsAt);
}

function WindowTable({ windows, now, cancellable }: { windows: MaintenanceWindowDto[]; now: Date; cancellable: boolean }) {
  return (
    <Table caption={cancellable ? 'Upcoming maintenance' : 'Past maintenance'}>
      <THead>
        <tr>
          <Th>Scope</Th>
          <Th>Window (UTC)</Th>
          <Th numeric>Length</Th>
          <Th>Description</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </THead>
      <TBody>
        {windows.map((w) => (
          <Tr key={w.id}>
            <Td className="whitespace-nowrap font-medium">{w.siteName ?? 'Whole service'}</Td>
            <Td className="whitespace-nowrap">
              {formatDateTime(w.startsAt)} → {endLabel(w)}
              <span className="block text-xs text-slate-500">
                {w.state === 'in-progress' ? (
                  <Badge tone="progress" icon="wrench">
                    In progress
                  </Badge>
                ) : (
                  formatRelative(w.startsAt, now)
                )}
              </span>
            </Td>
            <Td numeric>{formatDuration((Date.parse(w.endsAt) - Date.parse(w.startsAt)) / 1000)}</Td>
            <Td>
              {w.description}
              <span className="block text-xs text-slate-500">by {w.createdBy ?? 'system'}</span>
            </Td>
            <Td className="text-right">{cancellable && w.state === 'upcoming' && <CancelMaintenanceButton description={w.description} cancel={cancelMaintenanceAction.bind(null, w.id)} />}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

export default async function MaintenancePage() {
  const db = getDb();
  const actor = await staffActor();
  const now = await simDate();
  const [windows, sites] = await Promise.all([listMaintenance(db, actor, {}, now), listSites(db, actor)]);
  const upcoming = windows.filter((w) => w.state !== 'past');
  const past = windows.filter((w) => w.state === 'past');
  return (
    <>
      <PageHeader title="Maintenance windows" description="Scheduled work per site or for the whole service. Clients see upcoming windows; the time is excluded from availability." />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-3">
        <div className="space-y-5 xl:col-span-2">
          <Card>
            <CardHeader title="Upcoming and in progress" />
            {upcoming.length ? <WindowTable windows={upcoming} now={now} cancellable /> : <EmptyState icon="wrench" title="Nothing scheduled" description="Schedule a window before planned work so it does not count against the SLA." />}
          </Card>
          <Card>
            <CardHeader title="Past" description="Kept for the availability record." />
            {past.length ? <WindowTable windows={past} now={now} cancellable={false} /> : <EmptyState icon="inbox" title="No past windows" />}
          </Card>
        </div>
        <Card className="self-start">
          <CardHeader title="Schedule a window" />
          <CardBody className="py-4">
            <MaintenanceForm action={createMaintenanceAction} sites={sites} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
