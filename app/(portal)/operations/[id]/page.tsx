import Link from 'next/link';
import { getDb } from '@/db';
import { NotFoundPanel } from '@/components/shell/not-found-panel';
import { OPERATION_TYPE_LABEL } from '@/components/operations/labels';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/policy';
import { requireActor } from '@/lib/auth/current-actor';
import { NotFoundError } from '@/lib/domain/errors';
import { getOperation } from '@/lib/domain/operations';
import { OperationLive } from './operation-live';

export const metadata = { title: 'Operation' };

/** One operation: live progress while it runs, its record once it has ended. */
export default async function OperationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/operations/${id}`);
  const op = await getOperation(getDb(), actor, id).catch((error) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!op) return <NotFoundPanel homeHref="/operations" homeLabel="All operations" />;
  return (
    <>
      <PageHeader
        title={`${OPERATION_TYPE_LABEL[op.type]}: ${op.groupName}`}
        breadcrumbs={[{ label: 'Operations', href: '/operations' }, { label: op.id }]}
        description={
          <>
            Protection group{' '}
            <Link href={`/groups/${op.groupId}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
              {op.groupName}
            </Link>
            , started by {op.startedBy}
            {op.actingAsStaff ? ' (provider staff acting for the tenant)' : ''}.
          </>
        }
      />
      <OperationLive initial={op} canAct={can(actor.role, 'operation:run')} />
    </>
  );
}
