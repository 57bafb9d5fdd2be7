'use client';

import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import { useLiveGroup } from './live-group';

/**
 * The administrator's failover entry points. They open the wizard (which runs pre-flight checks
 * and asks for confirmation); while an operation runs, the way forward is that operation. Live, so
 * the buttons come back when the operation ends.
 */
export function GroupActions() {
  const { id: groupId, openOperationId } = useLiveGroup();
  if (openOperationId) {
    return (
      <Link href={`/operations/${openOperationId}`} className={buttonClasses({ variant: 'primary' })}>
        <Icon name="activity" className="size-4" />
        Operation running — follow it
      </Link>
    );
  }
  const href = (mode: string) => `/groups/${groupId}/failover?mode=${mode}`;
  return (
    <>
      <Link href={href('test-failover')} className={buttonClasses({ variant: 'primary' })}>
        <Icon name="flask" className="size-4" />
        Test failover
      </Link>
      <Link href={href('failover')} className={buttonClasses({ variant: 'danger' })}>
        <Icon name="switch" className="size-4" />
        Live failover
      </Link>
      <Link href={href('move')} className={buttonClasses({ variant: 'secondary' })}>
        <Icon name="arrowRight" className="size-4" />
        Move
      </Link>
    </>
  );
}
