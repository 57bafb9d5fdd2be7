import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryFiltersOf } from './topic-keys';

/** Which cached queries a topic marks stale, on a real QueryClient holding the portal's keys. */
function invalidatedBy(topic: string): string[] {
  const client = new QueryClient();
  const keys = [['groups'], ['groups', 'grp_a'], ['operation', 'op_1'], ['operation-checks', 'op_1'], ['recovery-run', 'run_1'], ['recovery-runs'], ['sites'], ['dashboard']];
  for (const key of keys) client.setQueryData(key, { v: 1 });
  for (const filters of queryFiltersOf(topic)) void client.invalidateQueries(filters);
  return client.getQueryCache().getAll().filter((q) => q.state.isInvalidated).map((q) => q.queryKey.join(':')).sort();
}

describe('queryFiltersOf', () => {
  it('a group topic refreshes that group only, the groups topic the list only', () => {
    expect(invalidatedBy('group:grp_a')).toEqual(['groups:grp_a']);
    expect(invalidatedBy('groups')).toEqual(['groups']);
  });

  it('an operation topic refreshes the operation, its checks and open run pages (which show their operations\' states)', () => {
    expect(invalidatedBy('operation:op_1')).toEqual(['operation-checks:op_1', 'operation:op_1', 'recovery-run:run_1']);
  });

  it('a site or link change refreshes open operation and run pages too: what they may do next depends on the sites', () => {
    expect(invalidatedBy('sites')).toEqual(['operation:op_1', 'recovery-run:run_1', 'sites']);
  });

  it('a VM fault or a drill finishing refreshes open test checks', () => {
    expect(invalidatedBy('vms')).toEqual(['operation-checks:op_1']);
    expect(invalidatedBy('test-schedules')).toEqual(['operation-checks:op_1']);
  });

  it('other topics refresh the queries named after them', () => {
    expect(invalidatedBy('dashboard')).toEqual(['dashboard']);
    expect(invalidatedBy('runs')).toEqual(['recovery-runs']);
  });
});
