import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/domain/core/database';
import { PlanEditor } from '@/components/portal/recovery-plans/plan-editor';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { can } from '@/lib/auth/policy';
import { listSites } from '@/lib/domain/inventory/sites';
import { listPlanGroupOptions } from '@/lib/domain/recovery/plans';

export const metadata: Metadata = { title: 'New recovery plan' };

export default async function NewRecoveryPlanPage() {
  const actor = await requireActor('/recovery/plans/new');
  const crumbs = [{ label: 'Recovery plans', href: '/recovery/plans' }, { label: 'New' }];
  if (!can(actor.role, 'group:write')) {
    // The domain refuses too (403); this says so instead of offering a form that cannot succeed.
    return (
      <>
        <PageHeader title="New recovery plan" breadcrumbs={crumbs} />
        <EmptyState
          icon="switch"
          title="Only client administrators create recovery plans"
          description="Ask a client administrator of your organisation to create or change a plan."
          action={
            <Link href="/recovery/plans" className={buttonClasses()}>
              Back to recovery plans
            </Link>
          }
        />
      </>
    );
  }
  const db = getDb();
  const [options, sites] = await Promise.all([listPlanGroupOptions(db, actor), listSites(db, actor)]);
  if (options.length === 0) {
    return (
      <>
        <PageHeader title="New recovery plan" breadcrumbs={crumbs} />
        <EmptyState
          icon="shield"
          title="No protection groups to put in a plan"
          description="A plan orders protection groups: create a group first."
          action={
            <Link href="/groups/new" className={buttonClasses({ variant: 'primary' })}>
              Create protection group
            </Link>
          }
        />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="New recovery plan"
        breadcrumbs={crumbs}
        description="Put your protection groups in tiers: tier 1 starts first, and each next tier waits until every VM of the one before is up, then for its delay."
      />
      <PlanEditor plan={null} options={options} sites={Object.fromEntries(sites.map((s) => [s.id, s.name]))} />
    </>
  );
}
