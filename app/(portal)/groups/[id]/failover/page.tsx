import Link from 'next/link';
import { getDb } from '@/lib/domain/core/database';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { can } from '@/lib/auth/policy';
import { getFailoverContext } from '@/lib/domain/operations/failover-context';
import { orNotFound } from '@/app/_lib/or-not-found';
import { loadGroup } from '../load-group';
import { FailoverWizard, type WizardMode } from './failover-wizard';

export const metadata = { title: 'Failover' };

const MODES: WizardMode[] = ['test-failover', 'failover', 'move'];

/** The failover wizard: test, live failover (or failback) and move of one protection group. */
export default async function FailoverPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ mode?: string }> }) {
  const { id } = await params;
  const { mode } = await searchParams;
  const actor = await requireActor(`/groups/${id}/failover`);
  if (!can(actor.role, 'operation:run')) {
    await loadGroup(actor, id); // another tenant's group is a 404 for this role too
    // The domain refuses too (403); this only says so politely instead of showing a wizard that cannot start.
    return (
      <EmptyState
        className="min-h-[50dvh]"
        icon="shield"
        title="Only client administrators run failovers"
        description="Your role can follow operations and their results. Ask a client administrator of your organisation to run a test or live failover."
        action={<Link href={`/groups/${id}`} className={buttonClasses()}>Back to the group</Link>}
      />
    );
  }
  const context = await orNotFound(() => getFailoverContext(getDb(), actor, id));
  return (
    <>
      <PageHeader
        title={`Failover: ${context.group.name}`}
        breadcrumbs={[{ label: 'Protection groups', href: '/groups' }, { label: context.group.name, href: `/groups/${id}` }, { label: 'Failover' }]}
        description={`${context.source.name} → ${context.target.name}. Choose the kind of operation, the recovery point and the options; pre-flight checks run before anything starts.`}
      />
      <FailoverWizard context={context} initialMode={MODES.find((m) => m === mode) ?? 'test-failover'} />
    </>
  );
}
