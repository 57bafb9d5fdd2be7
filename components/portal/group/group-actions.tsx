'use client';

import Link from 'next/link';
import { Button, buttonClasses } from '@/components/ui/button';
import { Icon, type IconName } from '@/components/ui/icons';
import { failoverBlockedReason } from './failover-blocked';
import { useLiveGroup } from './live-group';

type Action = { mode: string; label: string; icon: IconName; variant: 'primary' | 'danger' | 'secondary' };

/**
 * The administrator's failover entry points. They open the wizard (which runs pre-flight checks
 * and asks for confirmation); while an operation runs, the way forward is that operation. Live, so
 * the buttons come back when the operation ends. After a failover with reverse protection the
 * live action is the failback, named by where it goes.
 */
export function GroupActions({ siteNames }: { siteNames: Record<string, string> }) {
  const group = useLiveGroup();
  const { id: groupId, openOperationId } = group;
  if (openOperationId) {
    return (
      <Link prefetch={false} href={`/operations/${openOperationId}`} className={buttonClasses({ variant: 'primary' })}>
        <Icon name="activity" className="size-4" />
        Operation running — follow it
      </Link>
    );
  }
  const targetName = siteNames[group.targetSiteId] ?? group.targetSiteId;
  const actions: Action[] = [
    { mode: 'test-failover', label: 'Test failover', icon: 'flask', variant: 'primary' },
    { mode: 'failover', label: group.reversed ? `Fail back to ${targetName}` : 'Live failover', icon: 'switch', variant: 'danger' },
    { mode: 'move', label: 'Move', icon: 'arrowRight', variant: 'secondary' },
  ];
  const blocked = failoverBlockedReason(group, targetName);
  if (blocked) {
    return (
      <div className="flex max-w-md flex-col items-end gap-1">
        <div className="flex flex-wrap justify-end gap-2">
          {actions.map((a) => (
            <Button key={a.mode} variant={a.variant} icon={a.icon} disabled aria-describedby="failover-blocked">
              {a.label}
            </Button>
          ))}
        </div>
        <p id="failover-blocked" className="text-right text-xs text-slate-600 dark:text-slate-400" data-testid="failover-blocked">
          {blocked}
        </p>
      </div>
    );
  }
  return (
    <>
      {actions.map((a) => (
        <Link prefetch={false} key={a.mode} href={`/groups/${groupId}/failover?mode=${a.mode}`} className={buttonClasses({ variant: a.variant })}>
          <Icon name={a.icon} className="size-4" />
          {a.label}
        </Link>
      ))}
    </>
  );
}
