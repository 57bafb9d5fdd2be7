import { CardSkeleton, Skeleton } from '@/components/ui/skeleton';

export default function GroupLoading() {
  return (
    <>
      <Skeleton className="mb-2 h-3 w-40" />
      <Skeleton className="mb-2 h-6 w-64" />
      <Skeleton className="mb-6 h-4 w-96" />
      <div className="space-y-4">
        <Skeleton className="h-20 w-full rounded-lg" />
        <div className="grid gap-4 xl:grid-cols-2">
          <CardSkeleton rows={6} label="Loading RPO chart" />
          <CardSkeleton rows={6} label="Loading throughput chart" />
        </div>
        <div className="grid gap-4 xl:grid-cols-2">
          <CardSkeleton rows={5} label="Loading journal" />
          <CardSkeleton rows={5} label="Loading members" />
        </div>
      </div>
    </>
  );
}
