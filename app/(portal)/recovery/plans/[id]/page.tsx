import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { getDb } from '@/lib/domain/core/database';
import { FlashToast } from '@/components/portal/flash-toast';
import { plural } from '@/components/portal/labels';
import { PlanDetail } from '@/components/portal/recovery-plans/plan-detail';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { can } from '@/lib/auth/policy';
import { formatDateTime } from '@/lib/format';
import { listSites } from '@/lib/domain/inventory/sites';
import { getPlan, listPlanGroupOptions } from '@/lib/domain/recovery/plans';
import { orNotFound } from '@/app/_lib/or-not-found';

export const metadata: Metadata = { title: 'Recovery plan' };

export default async function RecoveryPlanPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const actor = await requireActor(`/recovery/plans/${id}`);
  const db = getDb();
  const plan = await orNotFound(() => getPlan(db, actor, id));
  const [options, sites, query] = await Promise.all([listPlanGroupOptions(db, actor, { tenantId: plan.tenantId }), listSites(db, actor), searchParams]);
  const mayEdit = can(actor.role, 'group:write');
  return (
    <>
      {query.saved === 'created' && <FlashToast param="saved" toast={{ tone: 'success', title: 'Recovery plan created' }} />}
      <PageHeader
        title={plan.name}
        breadcrumbs={[{ label: 'Recovery', href: '/recovery' }, { label: 'Recovery plans', href: '/recovery/plans' }, { label: plan.name }]}
        actions={
          can(actor.role, 'operation:run') &&
          plan.groupCount > 0 && (
            <Link href={`/recovery/new?${new URLSearchParams({ planId: plan.id })}`} className={buttonClasses({ variant: 'primary' })} data-testid="plan-start-run">
              Start a run of this plan
            </Link>
          )
        }
        description={
          <>
            {plan.description && <span className="block whitespace-pre-wrap">{plan.description}</span>}
            <span className="text-xs text-slate-500 dark:text-slate-400">
              {plural(plan.tiers.length, 'tier')}, {plural(plan.groupCount, 'protection group')}, {plural(plan.vmCount, 'VM')} · last changed {formatDateTime(plan.updatedAt)}
            </span>
          </>
        }
      />
      <PlanDetail
        plan={plan}
        options={options}
        sites={Object.fromEntries(sites.map((s) => [s.id, s.name]))}
        mayEdit={mayEdit}
        startEditing={query.edit === '1'}
      />
    </>
  );
}
