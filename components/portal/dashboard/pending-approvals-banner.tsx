import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import type { ApprovalDto } from '@/lib/domain/approvals/approval-dto';
import { OPERATION_TYPE_LABEL } from '@/lib/schemas/operations';

/**
 * Four-eyes approval: the requests waiting for the reader's decision (another administrator's
 * live failovers, moves, failbacks), near the top of the dashboard.
 */
export function PendingApprovalsBanner({ approvals }: { approvals: ApprovalDto[] }) {
  if (!approvals.length) return null;
  return (
    <section
      aria-label="Approvals waiting for you"
      className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-500/10 dark:text-amber-200"
      data-testid="pending-approvals"
    >
      <div className="flex items-start gap-2">
        <Icon name="shield" className="mt-0.5 size-5 shrink-0" />
        <div>
          <p className="font-semibold">
            {approvals.length === 1 ? 'A live operation waits for your approval' : `${approvals.length} live operations wait for your approval`}
          </p>
          <ul className="mt-1 space-y-0.5">
            {approvals.slice(0, 3).map((a) => (
              <li key={a.id}>
                {OPERATION_TYPE_LABEL[a.type]}
                {a.kind === 'run' ? ' run' : ''} of {a.groups.map((g) => g.name).join(', ')}, asked by {a.requestedBy}
                {a.reason ? ` — ${a.reason}` : ''}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <Link prefetch={false} href="/approvals" className={buttonClasses({ variant: 'primary' })}>
        Review {approvals.length === 1 ? 'the request' : 'requests'}
      </Link>
    </section>
  );
}
