import Link from 'next/link';
import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { PricingLines } from '@/components/staff/pricing-lines';
import { TenantStatusBadge } from '@/components/staff/tenant-badges';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { tenantPricing } from '@/lib/domain/staff/pricing-report';
import { staffActor } from '../_lib/staff-actor';

export const metadata: Metadata = { title: 'Pricing' };

export default async function PricingPage() {
  const pricing = tenantPricing(getDb(), await staffActor());
  return (
    <>
      <PageHeader
        title="Pricing"
        breadcrumbs={[{ label: 'Tenants', href: '/staff/tenants' }, { label: 'Pricing' }]}
        description="Per the service description the recovery vDC is priced at 20 % of production usage, per resource. Production usage is each tenant's production vDC allocation; the recovery reservation is what is held for failover."
      />
      {pricing.length === 0 && <EmptyState icon="scale" title="No tenants" />}
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-2">
        {pricing.map((p) => (
          <Card key={p.tenantId} data-testid={`pricing-${p.tenantId}`}>
            <CardHeader
              title={
                <Link href={`/staff/tenants/${p.tenantId}`} className="hover:underline">
                  {p.tenantName}
                </Link>
              }
              actions={p.status === 'suspended' ? <TenantStatusBadge status={p.status} /> : undefined}
            />
            <PricingLines lines={p.lines} caption={`Pricing of ${p.tenantName}`} />
          </Card>
        ))}
      </div>
    </>
  );
}
