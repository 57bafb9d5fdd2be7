import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { orNotFound } from '@/app/_lib/or-not-found';
import { requireActor } from '@/lib/auth/current-actor';
import type { Actor } from '@/lib/core/actor';
import { getDb } from '@/lib/domain/core/database';
import { readTestConsole } from '@/lib/domain/operations/test-console';
import { CONNECTION_LABEL } from '@/lib/network/access';
import { ChecksTable } from '@/components/portal/test-schedules/drill-view';

/** "2 of 3 passed", or why there are none. */
function checkSummary(checks: { ok: boolean; at: string | null }[]): string {
  if (!checks.length) return 'None for this VM.';
  const ran = checks.filter((x) => x.at !== null);
  if (!ran.length) return `${checks.length} not run yet (they run once its boot group is up).`;
  const passed = checks.filter((x) => x.ok).length;
  return `${passed} of ${checks.length} passed${passed < checks.length ? ' (see below)' : ''}.`;
}

type Props = { params: Promise<{ id: string; vmId: string }> };

const load = cache((actor: Actor, id: string, vmId: string) => orNotFound(() => readTestConsole(getDb(), actor, id, { vmId })));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, vmId } = await params;
  const c = await load(await requireActor(`/operations/${id}/console/${vmId}`), id, vmId);
  return { title: `Console: ${c.vm.name}` };
}

/** A test VM's simulated console: its boot log on the test network, while the test runs. */
export default async function TestConsolePage({ params }: Props) {
  const { id, vmId } = await params;
  const actor = await requireActor(`/operations/${id}/console/${vmId}`);
  const c = await load(actor, id, vmId);
  return (
    <>
      <PageHeader
        title={`Console: ${c.vm.name}`}
        breadcrumbs={[{ label: 'Operations', href: '/operations' }, { label: `Test failover: ${c.groupName}`, href: `/operations/${c.operationId}` }, { label: c.vm.name }]}
        description={
          <>
            Test VM at {c.site} ({c.vm.os === 'windows' ? 'Windows' : 'Linux'}), simulated console.{' '}
            <Link href={`/operations/${c.operationId}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
              Back to the test
            </Link>
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card>
          <CardHeader title="Boot log" description="What the VM printed as it started on the test network." />
          <pre className="overflow-x-auto rounded-b-md bg-slate-950 px-4 py-3 font-mono text-xs leading-relaxed text-emerald-200" data-testid="console-log" tabIndex={0} aria-label={`Boot log of ${c.vm.name}`}>
            {c.lines.join('\n')}
          </pre>
        </Card>
        <Card>
          <CardHeader title="Test addresses" />
          <dl className="space-y-2 px-4 py-3 text-sm">
            {c.vm.nics.map((n) => (
              <div key={n.nic}>
                <dt className="text-xs text-slate-500 dark:text-slate-400">NIC {n.nic} on “{n.network}”</dt>
                <dd className="font-mono text-xs" data-testid="console-address">
                  {n.ip}
                  {n.prefix !== null && `/${n.prefix}`}
                  {n.gateway && ` via ${n.gateway}`}
                </dd>
              </div>
            ))}
            <div>
              <dt className="text-xs text-slate-500 dark:text-slate-400">Reach it</dt>
              <dd className="text-xs">
                <Badge tone="info">{CONNECTION_LABEL[c.vm.connection]}</Badge> {c.vm.reach}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500 dark:text-slate-400">Application checks</dt>
              <dd className="text-xs text-slate-600 dark:text-slate-300" data-testid="console-checks-summary">
                {checkSummary(c.checks)}
              </dd>
            </div>
          </dl>
        </Card>
      </div>
      <Card className="mt-4" data-testid="console-checks">
        <CardHeader
          title="Check results"
          description={
            <>
              The application checks of {c.vm.name} in this test, run once its boot group is up
              {c.drill ? (
                <>
                  {' '}(the test was started by the schedule{' '}
                  <Link href={c.drill.scheduleId ? `/test-schedules/${c.drill.scheduleId}` : '/test-schedules'} className="text-sky-700 hover:underline dark:text-sky-400">
                    {c.drill.scheduleName}
                  </Link>
                  ).
                </>
              ) : (
                '. All the test\'s checks are on the test page.'
              )}
            </>
          }
        />
        <ChecksTable checks={c.checks} caption={`Application checks of ${c.vm.name}`} />
      </Card>
    </>
  );
}
