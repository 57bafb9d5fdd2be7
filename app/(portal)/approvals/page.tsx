import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { AutoRefresh } from '@/components/shell/auto-refresh';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { listApprovals } from '@/lib/domain/approvals/approvals';
import { getTenantSettings } from '@/lib/domain/approvals/tenant-settings';
import { ApprovalsList } from '@/components/portal/approvals/approvals-list';

export const metadata: Metadata = { title: 'Approvals' };

/** Four-eyes approval requests of live failovers, moves and failbacks: pending first, then the decided. */
export default async function ApprovalsPage() {
  const actor = await requireActor('/approvals');
  const db = getDb();
  const { items } = listApprovals(db, actor, { limit: 100 });
  const settings = actor.tenantId ? getTenantSettings(db, actor) : null;
  const pending = items.filter((a) => a.status === 'pending').length;
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Live failovers, moves and failbacks waiting for a second administrator (four eyes), and the decisions taken. The requester cannot approve their own; a request expires if nobody decides in time. Times here are real time (UTC), not the simulated clock: a person decides."
      />
      <AutoRefresh seconds={5} active={pending > 0} topics={['approvals']} />
      {settings && !settings.liveFailoverApproval && (
        <p className="mb-3 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700 dark:border-slate-700 dark:bg-slate-800/50 dark:text-slate-300" data-testid="approval-off">
          Four-eyes approval is off for {settings.tenantName}: live failovers start at once. A client administrator turns it on in Settings.
        </p>
      )}
      <Card>
        {items.length ? (
          <ApprovalsList items={items} nowIso={new Date().toISOString()} />
        ) : (
          <EmptyState icon="shield" title="No approval requests" description="When four-eyes approval is on, each live failover, move or failback waits here for another administrator's decision." />
        )}
      </Card>
    </>
  );
}
