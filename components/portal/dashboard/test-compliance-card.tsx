import Link from 'next/link';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LastTestBadge } from '../badges';
import { testCompliance } from '../test-compliance';
import type { DashboardDto } from '@/lib/domain/reports/dashboard';
import { MoreLink } from './more-link';

/** The annual test-failover duty per group: overdue, never-tested and last-failed groups come first. */
export function TestComplianceCard({ tests, nowMs }: { tests: DashboardDto['tests']; nowMs: number }) {
  const rows = tests.items;
  const findings = [tests.overdue && `${tests.overdue} of ${tests.total} groups overdue or never tested`, tests.failed && `${tests.failed} with a failed last test`].filter(Boolean);

  return (
    <Card data-testid="test-compliance-card">
      <CardHeader
        title="Annual test compliance"
        description={findings.length ? findings.join(' · ') : 'Each group must pass a test failover at least once every 12 months'}
        actions={
          <Link prefetch={false} href="/reports?type=test-failover" className="text-xs font-medium text-sky-700 hover:underline dark:text-sky-400">
            Test evidence
          </Link>
        }
      />
      {tests.total === 0 ? (
        <EmptyState title="No groups to test" />
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((g) => (
            <li key={g.id} className="flex items-center justify-between gap-3 px-4 py-2.5 text-sm">
              <div className="min-w-0">
                <Link prefetch={false} href={`/groups/${g.id}`} className="font-medium hover:underline">
                  {g.name}
                </Link>
                <p className="text-xs text-slate-500 dark:text-slate-400">{testCompliance(g, nowMs).description}</p>
              </div>
              <LastTestBadge test={g} nowMs={nowMs} />
            </li>
          ))}
        </ul>
      )}
      <MoreLink shown={rows.length} total={tests.total} noun="groups, overdue and failed first" href="/reports?type=test-failover" label="Test evidence" />
    </Card>
  );
}
