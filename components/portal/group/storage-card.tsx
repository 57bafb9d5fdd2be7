import Link from 'next/link';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { num, UsageBar } from '@/components/portal/resources/usage-bar';
import type { GroupStorageDto } from '@/lib/domain/resources/storage-usage';

/** The group's replica + journal at its recovery site, and how full the vDC and volume there are. */
export function StorageCard({ storage, siteName, showResourcesLink }: { storage: GroupStorageDto; siteName: string; showResourcesLink: boolean }) {
  return (
    <Card as="section" data-testid="group-storage">
      <CardHeader
        title="Storage at the recovery site"
        description={`${num(storage.totalGb)} GB at ${siteName}: ${num(storage.replicaGb)} GB replica of the members' disks and ${num(storage.journalGb)} GB journal`}
        actions={
          showResourcesLink ? (
            <Link prefetch={false} href="/resources" className="text-xs font-medium text-sky-700 hover:underline dark:text-sky-400">
              Resources
            </Link>
          ) : undefined
        }
      />
      <CardBody className="grid gap-4 sm:grid-cols-2">
        {storage.pools.length ? (
          storage.pools.map((p) => (
            <UsageBar
              key={p.id}
              label={p.kind === 'vdc' ? p.name : `Volume ${p.name}`}
              used={p.usedGb}
              reserved={p.capacityGb}
              unit="GB"
              testId={`group-storage-${p.kind}`}
            />
          ))
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">No recovery vDC or storage volume of your tenant at {siteName}: nothing is reserved for this group there.</p>
        )}
      </CardBody>
    </Card>
  );
}
