import type { QueryKey } from '@tanstack/react-query';

/**
 * Which TanStack Query keys a live topic invalidates (a key matches every query whose key starts
 * with it, unless `exact`). Topics are named in lib/core/live-topics.ts and the publishers.
 */
export function queryFiltersOf(topic: string): { queryKey: QueryKey; exact?: boolean }[] {
  const [kind, id] = topic.split(':', 2);
  if (id !== undefined) {
    switch (kind) {
      case 'group':
        return [{ queryKey: ['groups', id] }];
      case 'operation':
        // An open run page shows its operations' states: any operation's step may be one of them.
        return [{ queryKey: ['operation', id] }, { queryKey: ['operation-checks', id] }, { queryKey: ['recovery-run'] }];
      case 'run':
        return [{ queryKey: ['recovery-run', id] }];
      default:
        return [{ queryKey: [kind, id] }];
    }
  }
  switch (topic) {
    // The list only: a group's own page listens to group:<id>.
    case 'groups':
      return [{ queryKey: ['groups'], exact: true }];
    case 'runs':
      return [{ queryKey: ['recovery-runs'] }];
    // A site or link (published as 'sites') going down or up changes what an open operation or run may do next (commit
    // and rollback are refused while a site is offline), though none of its steps moved.
    case 'sites':
      return [{ queryKey: [topic] }, { queryKey: ['operation'] }, { queryKey: ['recovery-run'] }];
    // A fault injected into (or cleared from) a VM's application checks changes a running test's results.
    case 'vms':
      return [{ queryKey: [topic] }, { queryKey: ['operation-checks'] }];
    // A scheduled drill finishing records its checks (and its result) on the operations it ran.
    case 'test-schedules':
      return [{ queryKey: [topic] }, { queryKey: ['operation-checks'] }];
    default:
      return [{ queryKey: [topic] }];
  }
}
