import { CardSkeleton, Skeleton } from '@/components/ui/skeleton';

/** While a portal page's server work runs (each dashboard widget also streams in on its own). */
export default function PortalLoading() {
  return (
    <>
      <Skeleton className="mb-2 h-6 w-48" />
      <Skeleton className="mb-5 h-4 w-80" />
      <div className="grid gap-4 lg:grid-cols-3">
        <CardSkeleton rows={5} label="Loading" />
        <CardSkeleton rows={5} className="lg:col-span-2" label="Loading" />
      </div>
    </>
  );
}
