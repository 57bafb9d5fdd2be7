import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/domain/core/database';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { can } from '@/lib/auth/policy';
import { listGroups } from '@/lib/domain/groups/groups';
import { listSites } from '@/lib/domain/inventory/sites';
import { listPlans } from '@/lib/domain/recovery/plans';
import { RUN_TYPES, type RunType } from '@/lib/schemas/recovery-runs';
import { RunWizard } from './run-wizard';
import { getTenantSettings } from '@/lib/domain/approvals/tenant-settings';
import type { GroupChoice } from './run-wizard-state';

export const metadata: Metadata = { title: 'New recovery run' };

type Search = { type?: string; sourceSiteId?: string; groupIds?: string; planId?: string; reason?: string };

/**
 * The recovery-run wizard: one test failover, live failover or move over several groups. The
 * dashboard's Recover action opens it pre-filled (?type=failover&sourceSiteId=london).
 */
export default async function NewRunPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const actor = await requireActor('/recovery/new');
  const header = <PageHeader title="New recovery run" breadcrumbs={[{ label: 'Recovery', href: '/recovery' }, { label: 'New run' }]} />;
  if (!can(actor.role, 'operation:run')) {
    // The domain refuses too (403); this only says so instead of a wizard that cannot start.
    return (
      <>
        {header}
        <EmptyState
          className="min-h-[40dvh]"
          icon="shield"
          title="Only client administrators start recovery runs"
          description="Your role can follow runs and their results. Ask a client administrator of your organisation to start the recovery."
          action={<Link href="/recovery" className={buttonClasses()}>Back to recovery</Link>}
        />
      </>
    );
  }
  const db = getDb();
  const [groups, sites, plans] = await Promise.all([listGroups(db, actor), listSites(db, actor), listPlans(db, actor)]);
  const type: RunType = RUN_TYPES.find((t) => t === search.type) ?? 'test-failover';
  const known = new Set(groups.map((g) => g.id));
  const picked = (search.groupIds ?? '').split(',').filter((id) => known.has(id));
  const plan = plans.find((p) => p.id === search.planId);
  const choice: GroupChoice = plan
    ? { by: 'plan', planId: plan.id }
    : picked.length
      ? { by: 'groups', groupIds: picked }
      : { by: 'site', siteId: sites.some((s) => s.id === search.sourceSiteId) ? search.sourceSiteId! : '' };
  // Four-eyes approval: a live run or move becomes a request (staff without a tenant: the server decides).
  const approval = actor.tenantId ? getTenantSettings(db, actor) : null;
  return (
    <>
      <PageHeader
        title="New recovery run"
        breadcrumbs={[{ label: 'Recovery', href: '/recovery' }, { label: 'New run' }]}
        description="Recover several protection groups as one action: choose the kind of run and the groups, review the pre-flight checks for all of them together, then start. Each group recovers to its latest checkpoint."
      />
      <RunWizard groups={groups} sites={sites} plans={plans} initialType={type} initialChoice={choice} initialReason={search.reason?.slice(0, 500) ?? ''} approvalRequired={approval?.liveFailoverApproval ?? false} />
    </>
  );
}
