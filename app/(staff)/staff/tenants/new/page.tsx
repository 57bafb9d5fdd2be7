import type { Metadata } from 'next';
import { TenantForm } from '@/components/staff/tenant-form';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { createTenantAction } from '../actions';

export const metadata: Metadata = { title: 'New tenant' };

export default function NewTenantPage() {
  return (
    <>
      <PageHeader
        title="New tenant"
        breadcrumbs={[{ label: 'Tenants', href: '/staff/tenants' }, { label: 'New' }]}
        description="After creating the tenant, add its production and recovery vDCs; each site's dedicated SSD volume is sized from them."
      />
      <Card className="max-w-3xl">
        <CardBody className="py-4">
          <TenantForm action={createTenantAction} submitLabel="Create tenant" />
        </CardBody>
      </Card>
    </>
  );
}
