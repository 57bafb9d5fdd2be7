import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/domain/core/database';
import { FlashToast } from '@/components/portal/flash-toast';
import { plural } from '@/components/portal/labels';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Icon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { requireActor } from '@/lib/auth/current-actor';
import { can } from '@/lib/auth/policy';
import { formatDateTime } from '@/lib/format';
import { listPlans } from '@/lib/domain/recovery/plans';

export const metadata: Metadata = { title: 'Recovery plans' };

export default async function RecoveryPlansPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor('/recovery/plans');
  const [plans, params] = await Promise.all([listPlans(getDb(), actor), searchParams]);
  const mayEdit = can(actor.role, 'group:write');
  const create = mayEdit && (
    <Link href="/recovery/plans/new" className={buttonClasses({ variant: 'primary' })}>
      <Icon name="switch" className="size-4" />
      New plan
    </Link>
  );
  return (
    <>
      {params.deleted && <FlashToast param="deleted" toast={{ tone: 'success', title: 'Recovery plan deleted', description: 'Its protection groups are unchanged.' }} />}
      <PageHeader
        title="Recovery plans"
        description="Several protection groups recovered together, in tiers: each tier starts when every VM of the tier before it is up, after an optional delay."
        actions={create}
      />
      <Card>
        {plans.length === 0 ? (
          <EmptyState
            icon="switch"
            title="No recovery plans yet"
            description={
              <>
                A plan puts protection groups in an order for a site-wide test or failover: databases in tier 1, the applications that need them in tier 2, and so on. Each group
                still boots its VMs in its own order inside its tier.
                {!mayEdit && ' Your DR administrators create plans; you will see them here.'}
              </>
            }
            action={create || undefined}
          />
        ) : (
          <Table caption="Recovery plans" data-testid="recovery-plans">
            <THead>
              <tr>
                <Th>Plan</Th>
                <Th>Tiers in start order</Th>
                <Th numeric>Groups</Th>
                <Th numeric>VMs</Th>
                <Th>Last changed</Th>
              </tr>
            </THead>
            <TBody>
              {plans.map((p) => (
                <Tr key={p.id}>
                  <Td className="max-w-72">
                    <Link href={`/recovery/plans/${p.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                      {p.name}
                    </Link>
                    {p.description && <span className="block truncate text-xs text-slate-500 dark:text-slate-400">{p.description}</span>}
                  </Td>
                  <Td className="text-xs">
                    {p.tiers.length === 0 ? (
                      <span className="text-slate-500">No groups left: edit the plan</span>
                    ) : (
                      <ol className="space-y-0.5">
                        {p.tiers.map((t) => (
                          <li key={t.tier}>
                            <span className="font-semibold text-slate-700 dark:text-slate-300">{t.tier}.</span> {t.groups.map((g) => g.name).join(', ')}
                          </li>
                        ))}
                      </ol>
                    )}
                  </Td>
                  <Td numeric>{p.groupCount}</Td>
                  <Td numeric>{p.vmCount}</Td>
                  <Td className="whitespace-nowrap text-xs">{formatDateTime(p.updatedAt)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      {plans.length > 0 && <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">{plural(plans.length, 'plan')}.</p>}
    </>
  );
}
