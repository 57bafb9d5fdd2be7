'use client';

import Link from 'next/link';
import type { GroupDetailDto } from '@/lib/domain/dto';
import { buttonClasses } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import { useGroup } from '../queries';

/**
 * The administrator's failover entry points. They open the wizard (which runs pre-flight checks
 * and asks for confirmation); while an operation runs, the way forward is that operation. Live, so
 * the buttons come back when the operation ends.
 */
export function GroupActions({ initial }: { initial: GroupDetailDto }) {
  const { id: groupId, openOperationId } = useGroup(initial.id, initial).data ?? initial;
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
