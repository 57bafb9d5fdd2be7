import { CardSkeleton, Skeleton } from '@/components/ui/skeleton';

/** A page's placeholder while its server work runs: a title, a description and two cards. */
export function PageLoading() {
  return (
    <>
      <Skeleton className="mb-2 h-6 w-48" />
      <Skeleton className="mb-5 h-4 w-80" />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <CardSkeleton rows={5} label="Loading" />
        <CardSkeleton rows={5} className="lg:col-span-2" label="Loading" />
      </div>
    </>
  );
}
