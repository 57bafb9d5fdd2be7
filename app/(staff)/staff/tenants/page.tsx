import Link from 'next/link';
import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { connectionLabel, TenantStatusBadge } from '@/components/staff/tenant-badges';
import { formatMoney } from '@/components/staff/money';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Icon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatMbps } from '@/lib/format';
import { listTenants } from '@/lib/domain/staff/tenants';
import { staffActor } from '../_lib/staff-actor';

export const metadata: Metadata = { title: 'Tenants' };

export default async function TenantsPage() {
  const tenants = listTenants(getDb(), await staffActor());
  return (
    <>
      <PageHeader
        title="Tenants"
        description="Clients of the service: connection, bandwidth limits, charge, and their vDCs at each site."
        actions={
          <>
            <Link href="/staff/pricing" className={buttonClasses()}>
              <Icon name="scale" className="size-4" />
              Pricing
            </Link>
            <Link href="/staff/tenants/new" className={buttonClasses({ variant: 'primary' })}>
              <Icon name="building" className="size-4" />
              New tenant
            </Link>
          </>
        }
      />
      <Card>
        {tenants.length === 0 ? (
          <EmptyState icon="building" title="No tenants yet" description="Create the first client of the service." />
        ) : (
          <Table caption="Tenants">
            <THead>
              <tr>
                <Th>Tenant</Th>
                <Th>Status</Th>
                <Th>Connection</Th>
                <Th numeric>External limit</Th>
                <Th numeric>Inter-DC limit</Th>
                <Th numeric>Monthly charge</Th>
              </tr>
            </THead>
            <TBody>
              {tenants.map((t) => (
                <Tr key={t.id}>
                  <Td>
                    <Link href={`/staff/tenants/${t.id}`} className="font-medium text-slate-900 hover:underline dark:text-slate-100">
                      {t.name}
                    </Link>
                    <span className="ml-2 font-mono text-xs text-slate-500">{t.slug}</span>
                  </Td>
                  <Td>
                    <TenantStatusBadge status={t.status} />
                  </Td>
                  <Td>{connectionLabel(t.connection)}</Td>
                  <Td numeric>{formatMbps(t.externalBandwidthMbps)}</Td>
                  <Td numeric>{formatMbps(t.interSiteBandwidthMbps)}</Td>
                  <Td numeric>{formatMoney(t.monthlyChargeCents, t.currency)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
