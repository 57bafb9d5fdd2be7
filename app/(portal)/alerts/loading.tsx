import { CardSkeleton, Skeleton } from '@/components/ui/skeleton';

export default function AlertsLoading() {
  return (
    <>
      <Skeleton className="mb-2 h-6 w-32" />
      <Skeleton className="mb-5 h-4 w-96" />
      <div className="space-y-4">
        <CardSkeleton rows={6} label="Loading alerts" />
        <CardSkeleton rows={3} label="Loading RPO breach history" />
      </div>
    </>
  );
}
