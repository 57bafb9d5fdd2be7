import { Card } from '@/components/ui/card';
import { Skeleton, TableSkeleton } from '@/components/ui/skeleton';

export default function RecoveryPlansLoading() {
  return (
    <>
      <Skeleton className="mb-2 h-6 w-48" />
      <Skeleton className="mb-5 h-4 w-96" />
      <Card>
        <TableSkeleton rows={4} columns={5} label="Loading recovery plans" />
      </Card>
    </>
  );
}
