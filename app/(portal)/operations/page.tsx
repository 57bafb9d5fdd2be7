import Link from 'next/link';
import { getDb } from '@/lib/domain/core/database';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { listOperations } from '@/lib/domain/operations/operations';
import { AutoRefresh } from '@/components/shell/auto-refresh';
import { OperationsTable } from './operations-table';

export const metadata = { title: 'Operations' };

/** The tenant's operation history, newest first, a page at a time. */
export default async function OperationsPage({ searchParams }: { searchParams: Promise<{ cursor?: string; groupId?: string }> }) {
  const actor = await requireActor('/operations');
  const { cursor, groupId } = await searchParams;
  const page = await listOperations(getDb(), actor, { limit: 50, cursor, groupId });
  const anyOpen = page.items.some((o) => ['pending', 'running', 'testing', 'awaiting-commit'].includes(o.status));
  const next = page.nextCursor ? `/operations?${new URLSearchParams({ cursor: page.nextCursor, ...(groupId ? { groupId } : {}) })}` : null;
  return (
    <>
      <PageHeader
        title="Operations"
        description="Test failovers, live failovers, moves and failbacks of your protection groups: who ran them, the recovery point, the RTO achieved and the outcome."
      />
      <AutoRefresh seconds={3} active={anyOpen} topics={['operations']} />
      <Card>
        {page.items.length ? (
          <OperationsTable items={page.items} />
        ) : (
          <EmptyState
            title="No operations yet"
            description="Run a test failover from a protection group to prove it recovers; the annual test is part of the service."
            action={<Link href="/groups" className={buttonClasses({ variant: 'secondary' })}>Protection groups</Link>}
          />
        )}
      </Card>
      <div className="mt-3 flex justify-end gap-2">
        {cursor && (
          <Link href={groupId ? `/operations?groupId=${encodeURIComponent(groupId)}` : '/operations'} className={buttonClasses({ size: 'sm' })}>
            Newest
          </Link>
        )}
        {next && (
          <Link href={next} className={buttonClasses({ size: 'sm' })}>
            Older
          </Link>
        )}
      </div>
    </>
  );
}
