import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { CardSkeleton, Skeleton } from '@/components/ui/skeleton';
import { requireActor } from '@/lib/auth/current-actor';
import { AlertsWidget, AvailabilityWidget, HeadlineWidget, HealthWidget, MaintenanceWidget, RpoWidget, SitesWidget, TestsWidget } from './dashboard-widgets';

export const metadata: Metadata = { title: 'Dashboard' };

/** Are we protected, and could we recover right now? Then the detail an administrator drills into. */
export default async function DashboardPage() {
  const actor = await requireActor('/');
  return (
    <>
      <PageHeader title="Dashboard" description="Replication health of your protection groups, updated live." />
      <Suspense fallback={<Skeleton className="mb-4 h-16 w-full rounded-lg" />}>
        <HeadlineWidget actor={actor} />
      </Suspense>
      <Suspense fallback={null}>
        <div className="mb-4 empty:hidden">
          <MaintenanceWidget actor={actor} />
        </div>
      </Suspense>
      <div className="grid gap-4 lg:grid-cols-3">
        <Suspense fallback={<CardSkeleton label="Loading protection health" rows={5} />}>
          <HealthWidget actor={actor} />
        </Suspense>
        <div className="lg:col-span-2">
          <Suspense fallback={<CardSkeleton label="Loading RPO against target" rows={4} />}>
            <RpoWidget actor={actor} />
          </Suspense>
        </div>
        <div className="lg:col-span-2">
          <Suspense fallback={<CardSkeleton label="Loading alerts" rows={4} />}>
            <AlertsWidget actor={actor} />
          </Suspense>
        </div>
        <Suspense fallback={<CardSkeleton label="Loading availability" rows={3} />}>
          <AvailabilityWidget actor={actor} />
        </Suspense>
        <div className="lg:col-span-2">
          <Suspense fallback={<CardSkeleton label="Loading test compliance" rows={4} />}>
            <TestsWidget actor={actor} />
          </Suspense>
        </div>
        <Suspense fallback={<CardSkeleton label="Loading sites" rows={4} />}>
          <SitesWidget actor={actor} />
        </Suspense>
      </div>
    </>
  );
}
