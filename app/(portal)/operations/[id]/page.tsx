import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { getDb } from '@/lib/domain/core/database';
import { OPERATION_TYPE_LABEL, operationLabel } from '@/components/operations/labels';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/policy';
import { requireActor } from '@/lib/auth/current-actor';
import type { Actor } from '@/lib/core/actor';
import { getOperation } from '@/lib/domain/operations/operations';
import { orNotFound } from '@/app/_lib/or-not-found';
import { OperationLive } from './operation-live';
import { OperationChecks } from '@/components/portal/test-schedules/operation-checks';
import { isOpenStatus } from '@/components/operations/labels';

type Props = { params: Promise<{ id: string }> };

/** The operation for this request, or the 404 page (unknown and other tenants' ids alike); read once per request. */
const loadOperation = cache((actor: Actor, id: string) => orNotFound(() => getOperation(getDb(), actor, id)));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: operationLabel(await loadOperation(await requireActor(`/operations/${id}`), id)) };
}

/** One operation: live progress while it runs, its record once it has ended. */
export default async function OperationPage({ params }: Props) {
  const { id } = await params;
  const actor = await requireActor(`/operations/${id}`);
  const op = await loadOperation(actor, id);
  return (
    <>
      <PageHeader
        title={`${OPERATION_TYPE_LABEL[op.type]}: ${op.groupName}`}
        breadcrumbs={[{ label: 'Operations', href: '/operations' }, { label: operationLabel(op) }]}
        description={
          <>
            Protection group{' '}
            <Link href={`/groups/${op.groupId}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
              {op.groupName}
            </Link>
            , started by {op.startedBy}
            {op.actingAsStaff ? ' (provider staff acting for the tenant)' : ''}
            {op.approvedBy ? `, approved by ${op.approvedBy}` : ''}.
          </>
        }
      />
      <OperationLive initial={op} canAct={can(actor.role, 'operation:run')} />
      {op.type === 'test-failover' && (
        <div className="mt-4">
          <OperationChecks operationId={op.id} open={isOpenStatus(op.status)} />
        </div>
      )}
    </>
  );
}
