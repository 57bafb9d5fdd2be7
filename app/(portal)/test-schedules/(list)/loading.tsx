import { Card } from '@/components/ui/card';
import { Skeleton, TableSkeleton } from '@/components/ui/skeleton';

export default function TestSchedulesLoading() {
  return (
    <>
      <Skeleton className="mb-2 h-6 w-48" />
      <Skeleton className="mb-5 h-4 w-96" />
      <Card>
        <TableSkeleton rows={4} columns={6} label="Loading test schedules" />
      </Card>
    </>
  );
}
