import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/domain/core/database';
import { CreateGroupForm } from '@/components/portal/create/create-group-form';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { can } from '@/lib/auth/policy';
import { listSites } from '@/lib/domain/inventory/sites';
import { listVms } from '@/lib/domain/inventory/vms';

export const metadata: Metadata = { title: 'Create protection group' };

export default async function NewGroupPage() {
  const actor = await requireActor('/groups/new');
  const crumbs = [{ label: 'Protection groups', href: '/groups' }, { label: 'Create' }];
  if (!can(actor.role, 'group:write')) {
    // The domain refuses too (403); this says so instead of offering a form that cannot succeed.
    return (
      <>
        <PageHeader title="Create protection group" breadcrumbs={crumbs} />
        <EmptyState
          icon="shield"
          title="Only client administrators create protection groups"
          description="Ask a client administrator of your organisation to protect these VMs."
          action={
            <Link href="/groups" className={buttonClasses()}>
              Back to protection groups
            </Link>
          }
        />
      </>
    );
  }
  const db = getDb();
  const [sites, vms] = await Promise.all([listSites(db, actor), listVms(db, actor, { protected: false })]);
  return (
    <>
      <PageHeader title="Create protection group" breadcrumbs={crumbs} description="VMs in one group replicate together, so they recover to the same consistent point." />
      <CreateGroupForm sites={sites} vms={vms} />
    </>
  );
}
