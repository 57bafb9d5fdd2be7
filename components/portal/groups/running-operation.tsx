import Link from 'next/link';
import type { OperationDto } from '@/lib/domain/operations/operation-dto';
import { OPERATION_TYPE_LABEL } from '@/components/operations/labels';
import { ProgressBar } from '@/components/ui/progress';
import { OPERATION_STATUS } from '@/components/ui/status';

/** The operation open on a group, with its progress, linking to its page. */
export function RunningOperation({ operation }: { operation: OperationDto | undefined }) {
  if (!operation) return <span className="text-slate-500 dark:text-slate-400">—</span>;
  const label = OPERATION_TYPE_LABEL[operation.type];
  return (
    <Link href={`/operations/${operation.id}`} className="block w-36 hover:underline">
      <span className="flex items-center justify-between gap-2 text-xs">
        <span className="font-medium">{label}</span>
        <span className="text-slate-500 dark:text-slate-400">{OPERATION_STATUS[operation.status]?.label ?? operation.status}</span>
      </span>
      <ProgressBar value={operation.progress} label={`${label} progress`} tone="progress" className="mt-1" />
    </Link>
  );
}
