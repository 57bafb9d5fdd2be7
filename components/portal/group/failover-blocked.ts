import type { GroupDto } from '@/lib/domain/core/dto';

/**
 * Why no failover can start now, in words, or null. The pre-flight checks refuse the same
 * states (members still syncing, a group failed over without protection); this only says so
 * before the wizard is opened.
 */
export function failoverBlockedReason(group: Pick<GroupDto, 'status' | 'subStatus'>, targetName: string): string | null {
  const detail = group.subStatus ? ` (${group.subStatus})` : '';
  switch (group.status) {
    case 'initialising':
      return `Initial sync in progress${detail}: test, failover and move can start once every VM is synced.`;
    case 'reverse-replicating':
      return `Delta sync to ${targetName} in progress${detail}: test, failover and move can start once it has finished.`;
    case 'failed-over':
      return 'The group is failed over without reverse protection and does not replicate: configure its protection again first.';
    default:
      return null;
  }
}
