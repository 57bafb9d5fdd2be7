import Link from 'next/link';
import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { PricingLines } from '@/components/staff/pricing-lines';
import { TenantStatusBadge } from '@/components/staff/tenant-badges';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { tenantPricing } from '@/lib/domain/staff/pricing-report';
import { tenantPriceEstimates } from '@/lib/domain/resources/resources';
import { UnitPricesForm } from '@/components/staff/unit-prices-form';
import { setUnitPricesAction } from './actions';
import { staffActor } from '../_lib/staff-actor';

export const metadata: Metadata = { title: 'Pricing' };

export default async function PricingPage() {
  const actor = await staffActor();
  const pricing = tenantPricing(getDb(), actor);
  const prices = new Map(tenantPriceEstimates(getDb(), actor).map((p) => [p.tenantId, p]));
  return (
    <>
      <PageHeader
        title="Pricing"
        breadcrumbs={[{ label: 'Tenants', href: '/staff/tenants' }, { label: 'Pricing' }]}
        description="Per the service description the recovery vDC is priced at 20 % of production usage, per resource. The table shows each tenant's production vDC allocation and the recovery reservation held for failover; the monthly estimate prices 20 % of the protected VMs' actual usage at the tenant's unit prices."
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
            {prices.get(p.tenantId) && (
              <UnitPricesForm
                tenantId={p.tenantId}
                tenantName={p.tenantName}
                currency={prices.get(p.tenantId)!.currency}
                unitPrices={prices.get(p.tenantId)!.unitPrices}
                estimate={prices.get(p.tenantId)!.estimate}
                action={setUnitPricesAction.bind(null, p.tenantId)}
              />
            )}
          </Card>
        ))}
      </div>
    </>
  );
}
