import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { FlashToast } from '@/components/portal/flash-toast';
import { ChecksTable, DrillResultBadge, DrillSummary } from '@/components/portal/test-schedules/drill-view';
import { ScheduleActions } from '@/components/portal/test-schedules/schedule-actions';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader, Stat } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { formatDateTime } from '@/lib/format';
import { DRILL_CHECKPOINT_LABEL } from '@/lib/schemas/test-schedules';
import { getTestSchedule } from '@/lib/domain/drills/schedules';
import { orNotFound } from '@/app/_lib/or-not-found';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Test schedule' };

export default async function TestSchedulePage({ params, searchParams }: Props) {
  const { id } = await params;
  const actor = await requireActor(`/test-schedules/${id}`);
  const [s, query] = await Promise.all([orNotFound(() => getTestSchedule(getDb(), actor, id)), searchParams]);
  const mayEdit = actor.role === 'client_admin' || (actor.role === 'staff' && Boolean(actor.tenantId));
  return (
    <>
      {query.saved && <FlashToast param="saved" toast={{ tone: 'success', title: 'Test schedule created', description: `Next drill ${s.nextRuns[0] ? formatDateTime(s.nextRuns[0]) : 'when resumed'}.` }} />}
      <PageHeader
        title={s.name}
        breadcrumbs={[{ label: 'Test schedules', href: '/test-schedules' }, { label: s.name }]}
        description={<>{s.planName ? `Plan ${s.planName}: ` : ''}{s.groups.map((g) => g.name).join(', ')}</>}
        actions={mayEdit ? <ScheduleActions id={s.id} name={s.name} paused={s.paused} /> : undefined}
      />
      <Card className="mb-4">
        <div className="grid gap-4 p-4 sm:grid-cols-2 lg:grid-cols-4">
          <Stat label="When (UTC)" value={<span className="text-base">{s.cronText}</span>} hint={<code>{s.cron}</code>} />
          <Stat label="Next runs" value={<span className="text-sm">{s.paused ? <Badge tone="neutral" icon="pause">Paused</Badge> : s.nextRuns.map((t) => <span key={t} className="block">{formatDateTime(t)}</span>)}</span>} />
          <Stat label="Duration" value={`${s.durationMinutes} min`} hint={DRILL_CHECKPOINT_LABEL[s.checkpoint]} />
          <Stat label="Last drill" value={<DrillResultBadge drill={s.lastDrill} />} hint={`Created by ${s.createdBy}`} />
        </div>
      </Card>
      <Card>
        <CardHeader title="Drills" description="Newest first: each test failover the schedule started, skipped or missed, with its application checks." />
        {s.drills.length === 0 ? (
          <EmptyState icon="flask" title="No drills yet" description={s.nextRuns[0] ? `The first starts ${formatDateTime(s.nextRuns[0])}.` : 'The schedule is paused.'} />
        ) : (
          <ol className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="drills">
            {s.drills.map((d) => (
              <li key={d.id}>
                <DrillSummary drill={d} />
                {d.checks.length > 0 && (
                  <details className="px-4 pb-3" open={d.result === 'failed' || undefined}>
                    <summary className="cursor-pointer text-sm text-sky-700 dark:text-sky-400">Application checks ({d.checks.filter((c) => c.ok).length} of {d.checks.length} passed)</summary>
                    <ChecksTable checks={d.checks} caption={`Application checks of the drill due ${formatDateTime(d.scheduledFor)}`} />
                  </details>
                )}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </>
  );
}
