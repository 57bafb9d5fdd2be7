import type { ReactNode } from 'react';
import type { GroupDetailDto } from '@/lib/domain/core/dto';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDuration } from '@/lib/format';

/** The boot order, read-only (administrators get an Edit button in `actions`). */
export function RecoveryPlanView({ group, actions }: { group: GroupDetailDto; actions?: ReactNode }) {
  const name = (id: string) => group.members.find((m) => m.vmId === id)?.name ?? id;
  const plan = group.recoveryPlan.bootGroups;
  return (
    <Card id="recovery-plan" data-testid="recovery-plan">
      <CardHeader title="Recovery plan" description="Boot order at failover" actions={actions} />
      {plan.length === 0 ? (
        <EmptyState title="No boot order" description="All VMs boot at once." />
      ) : (
        <CardBody>
          <ol className="space-y-2">
            {plan.map((bg, i) => (
              <li key={bg.id} className="flex gap-3 text-sm">
                <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold dark:bg-slate-800" aria-hidden="true">
                  {i + 1}
                </span>
                <div>
                  <p className="font-medium">{bg.name}</p>
                  <p className="text-slate-600 dark:text-slate-400">{bg.vmIds.map(name).join(', ') || 'No VMs'}</p>
                  {bg.delayAfterSeconds > 0 && i < plan.length - 1 && <p className="text-xs text-slate-500 dark:text-slate-400">then wait {formatDuration(bg.delayAfterSeconds)}</p>}
                </div>
              </li>
            ))}
          </ol>
        </CardBody>
      )}
    </Card>
  );
}
