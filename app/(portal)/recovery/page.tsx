import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/domain/core/database';
import { AutoRefresh } from '@/components/shell/auto-refresh';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Icon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { can } from '@/lib/auth/policy';
import { listRuns } from '@/lib/domain/recovery/runs';
import { RunsTable } from './runs-table';

export const metadata: Metadata = { title: 'Recovery' };

/** Recovery runs of the tenant, newest first: several groups recovered as one action. */
export default async function RecoveryPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const actor = await requireActor('/recovery');
  const { cursor } = await searchParams;
  const page = await listRuns(getDb(), actor, { limit: 50, cursor });
  const canRun = can(actor.role, 'operation:run');
  const newRun = (testId: string) => canRun && (
    <Link href="/recovery/new" className={buttonClasses({ variant: 'primary' })} data-testid={testId}>
      <Icon name="switch" className="size-4" />
      New run
    </Link>
  );
  return (
    <>
      <PageHeader
        title="Recovery"
        description="Recovery runs: a test failover, live failover or move of several protection groups as one action, with one page to follow and decide for all of them."
        actions={
          <>
            <Link href="/recovery/plans" className={buttonClasses()}>
              Recovery plans
            </Link>
            {newRun('new-run')}
          </>
        }
      />
      <AutoRefresh seconds={3} active={page.items.some((r) => r.status === 'in-progress')} topics={['runs']} />
      <Card>
        {page.items.length ? (
          <RunsTable items={page.items} />
        ) : (
          <EmptyState
            icon="switch"
            title="No recovery runs yet"
            description={
              canRun
                ? 'Start one to test or recover several groups at once, for example every group replicating from one site. When a site you replicate from goes down, the dashboard offers it directly.'
                : 'Runs started by your administrators appear here, with their progress and outcome.'
            }
            action={newRun('new-run-empty') || undefined}
          />
        )}
      </Card>
      <div className="mt-3 flex justify-end gap-2">
        {cursor && (
          <Link href="/recovery" className={buttonClasses({ size: 'sm' })}>
            Newest
          </Link>
        )}
        {page.nextCursor && (
          <Link href={`/recovery?${new URLSearchParams({ cursor: page.nextCursor })}`} className={buttonClasses({ size: 'sm' })}>
            Older
          </Link>
        )}
      </div>
    </>
  );
}
