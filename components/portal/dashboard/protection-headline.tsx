import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { Icon } from '@/components/ui/icons';
import { TONE_BADGE } from '@/components/ui/tone';
import { plural } from '../labels';
import { protectionVerdict } from '../protection-verdict';
import type { DashboardDto } from '@/lib/domain/reports/dashboard';

const ICON = { success: 'shield', warning: 'warning', danger: 'error', neutral: 'info', info: 'info', progress: 'info' } as const;

/** The five-second answer: protected? recoverable right now? and if not, which group and why. */
export function ProtectionHeadline({ summary, canCreate }: { summary: Pick<DashboardDto, 'groups' | 'attention' | 'tests'>; canCreate: boolean }) {
  const v = protectionVerdict(summary);
  const running = summary.groups.runningOperations;
  // Recoverable today is not proven recoverable: an overdue or failed annual test is said here too.
  const untested = summary.tests.overdue;
  const more = summary.attention.count - v.findings.length;

  return (
    <section
      aria-labelledby="headline-title"
      data-testid="protection-headline"
      data-tone={v.tone}
      className={cn('mb-4 rounded-lg px-4 py-3 ring-1 ring-inset', TONE_BADGE[v.tone])}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 items-start gap-2.5">
          <Icon name={ICON[v.tone]} className="mt-0.5 size-5 shrink-0" />
          <div className="min-w-0">
            <h2 id="headline-title" className="text-base font-semibold">
              {v.title}
            </h2>
            {v.total > 0 && (
              <p className="mt-0.5 text-sm opacity-90">
                {v.protectedCount} of {plural(v.total, 'group')} meeting SLA · {v.recoverableCount} of {v.total} recoverable now
                {running > 0 && (
                  <>
                    {' · '}
                    <Link prefetch={false} href="/operations" className="underline underline-offset-2">
                      {plural(running, 'operation')} running
                    </Link>
                  </>
                )}
                {untested > 0 && (
                  <>
                    {' · '}
                    <Link prefetch={false} href="/reports?type=test-failover" className="underline underline-offset-2">
                      {untested} without a passed test in the last 12 months
                    </Link>
                  </>
                )}
                {summary.tests.failed > 0 && (
                  <>
                    {' · '}
                    <Link prefetch={false} href="/reports?type=test-failover&result=failed" className="underline underline-offset-2">
                      {summary.tests.failed} whose last test failed
                    </Link>
                  </>
                )}
              </p>
            )}
          </div>
        </div>
        {v.total === 0 && canCreate && (
          <Link prefetch={false} href="/groups/new" className="text-sm font-medium underline underline-offset-2">
            Create a protection group
          </Link>
        )}
      </div>
      {v.findings.length > 0 && (
        <ul className="mt-2 space-y-0.5 pl-7 text-sm">
          {v.findings.map((f) => (
            <li key={f.groupId}>
              <Link prefetch={false} href={`/groups/${f.groupId}`} className="font-medium underline underline-offset-2">
                {f.groupName}
              </Link>
              : {f.text}
            </li>
          ))}
          {more > 0 && (
            <li>
              <Link prefetch={false} href="/groups" className="underline underline-offset-2">
                and {plural(more, 'more group')}
              </Link>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
