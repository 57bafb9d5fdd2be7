import type { Metadata } from 'next';
import { cache } from 'react';
import { getDb } from '@/lib/domain/core/database';
import { PageHeader } from '@/components/ui/page-header';
import { runLabel } from '@/components/portal/recovery/run-labels';
import { requireActor } from '@/lib/auth/current-actor';
import { can } from '@/lib/auth/policy';
import type { Actor } from '@/lib/core/actor';
import { getRun } from '@/lib/domain/recovery/runs';
import { orNotFound } from '@/app/_lib/or-not-found';
import { RunLive } from './run-live';

type Props = { params: Promise<{ id: string }> };

/** The run for this request, or the 404 page (unknown and other tenants' ids alike); read once per request. */
const loadRun = cache((actor: Actor, id: string) => orNotFound(() => getRun(getDb(), actor, id)));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: runLabel(await loadRun(await requireActor(`/recovery/runs/${id}`), id)) };
}

/** One recovery run: per-group progress while it runs, decisions for all groups at once, its record once ended. */
export default async function RunPage({ params }: Props) {
  const { id } = await params;
  const actor = await requireActor(`/recovery/runs/${id}`);
  const run = await loadRun(actor, id);
  return (
    <>
      <PageHeader
        title={runLabel(run, { withDate: false })}
        breadcrumbs={[{ label: 'Recovery', href: '/recovery' }, { label: runLabel(run) }]}
        description={
          <>
            Started by {run.startedBy}
            {run.actingAsStaff ? ' (provider staff acting for the client)' : ''}
            {run.approvedBy ? `, approved by ${run.approvedBy}` : ''}
            {run.breakGlassReason ? <strong className="text-red-700 dark:text-red-400"> · break glass (started without approval): “{run.breakGlassReason}”</strong> : null}
            {run.reason ? <> — “{run.reason}”</> : '.'}
          </>
        }
      />
      <RunLive initial={run} canAct={can(actor.role, 'operation:run')} canReadAudit={can(actor.role, 'audit:read')} />
    </>
  );
}
