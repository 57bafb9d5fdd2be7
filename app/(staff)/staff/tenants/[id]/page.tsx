import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { ActForButton } from '@/components/staff/act-for-button';
import { PricingLines } from '@/components/staff/pricing-lines';
import { TenantStatusBadge } from '@/components/staff/tenant-badges';
import { TenantForm } from '@/components/staff/tenant-form';
import { TenantStatusButton } from '@/components/staff/tenant-status-button';
import { VdcCreateForm } from '@/components/staff/vdc-create-form';
import { Card, CardBody, CardHeader, Stat } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listSites } from '@/lib/domain/inventory/sites';
import { tenantPricing } from '@/lib/domain/staff/pricing-report';
import { getTenantDetail } from '@/lib/domain/staff/tenants';
import { staffActor } from '../../_lib/staff-actor';
import { createVdcAction, setTenantStatusAction, updateTenantAction } from '../actions';
import { StorageVolumes, VdcTable } from './vdc-table';
import { orNotFound } from '@/app/_lib/or-not-found';
import { CheckFaults } from '@/components/staff/check-faults';
import { listTenantVmChecks } from '@/lib/domain/drills/checks';
import { VolumeIopsCharts } from '@/components/staff/volume-iops-charts';
import { simNow } from '@/lib/domain/core/clock';
import { volumeIopsSeries } from '@/lib/domain/replication/volume-iops';
import { SsoCard } from '@/components/staff/sso-card';
import { getSsoSettings } from '@/lib/domain/sso/config';

export const metadata: Metadata = { title: 'Tenant' };

export default async function TenantPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = getDb();
  const actor = await staffActor();
  const tenant = await orNotFound(() => getTenantDetail(db, actor, id));
  const sites = await listSites(db, actor);
  const siteName = Object.fromEntries(sites.map((s) => [s.id, s.name]));
  const [pricing] = tenantPricing(db, actor, { tenantId: id });
  const vmChecks = await listTenantVmChecks(db, actor, id);
  const nowMs = await simNow();
  const volumeIops = volumeIopsSeries(db, actor, id, nowMs);
  const sso = getSsoSettings(db, actor, id);

  return (
    <>
      <PageHeader
        title={tenant.name}
        breadcrumbs={[{ label: 'Tenants', href: '/staff/tenants' }, { label: tenant.name }]}
        meta={
          <>
            <TenantStatusBadge status={tenant.status} />
            <span className="font-mono text-xs text-slate-500">{tenant.slug}</span>
          </>
        }
        actions={
          <>
            <ActForButton tenantId={tenant.id} />
            <TenantStatusButton tenantName={tenant.name} status={tenant.status} setStatus={setTenantStatusAction.bind(null, tenant.id)} />
          </>
        }
      />
      <dl className="mb-5 grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4 dark:border-slate-800 dark:bg-slate-900">
        <Stat label="Protection groups" value={tenant.groupCount} />
        <Stat label="VMs" value={tenant.vmCount} />
        <Stat label="Portal users" value={tenant.userCount} />
        <Stat label="vDCs" value={tenant.vdcs.length} hint={`${tenant.storageVolumes.length} dedicated SSD volumes`} />
      </dl>
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-5">
        <div className="space-y-5 xl:col-span-3">
          <Card>
            <CardHeader title="Virtual datacentres" description="Reserved resources per site. Recovery vDCs hold the failover reservation." />
            <VdcTable tenantId={tenant.id} vdcs={tenant.vdcs} siteName={siteName} />
          </Card>
          <Card>
            <CardHeader title="Add a vDC" level={3} />
            <CardBody className="py-4">
              <VdcCreateForm action={createVdcAction.bind(null, tenant.id)} sites={sites} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Dedicated storage volumes" description="One all-SSD volume per site, sized from the vDCs there, with their guaranteed IOPS." />
            <StorageVolumes volumes={tenant.storageVolumes} siteName={siteName} />
          </Card>
          <Card>
            <CardHeader title="Application checks: fault injection" description="Force checks to fail in test failovers and scheduled drills, to show what a failed drill looks like. Audited; clear to return to normal." />
            {vmChecks.length ? <CheckFaults tenantId={tenant.id} vms={vmChecks} /> : <p className="px-4 py-3 text-sm text-slate-500">The tenant has no VMs.</p>}
          </Card>
          <Card data-testid="volume-iops-card">
            <CardHeader title="IOPS per volume" description="Write IOPS of the groups recovering to each volume against what it applies, over the last 24 h. Writes above the cap build a backlog (the groups say iops-limited)." />
            <VolumeIopsCharts volumes={volumeIops} siteName={siteName} fromMs={nowMs - 24 * 3600_000} toMs={nowMs} />
          </Card>
          {pricing && (
            <Card>
              <CardHeader title="Pricing" description="Production usage is the production vDC allocation; the recovery vDC is billed at 20 % of it." />
              <PricingLines lines={pricing.lines} caption={`Pricing of ${tenant.name}`} />
            </Card>
          )}
        </div>
        <div className="space-y-5 self-start xl:col-span-2">
        <Card>
          <CardHeader title="Details" description="Connection option, bandwidth limits (no usage cost), charge and contact." />
          <CardBody className="py-4">
            <TenantForm action={updateTenantAction.bind(null, tenant.id)} tenant={tenant} submitLabel="Save changes" />
          </CardBody>
        </Card>
        <SsoCard tenantId={tenant.id} settings={sso} />
        </div>
      </div>
    </>
  );
}
