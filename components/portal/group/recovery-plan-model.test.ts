import { describe, expect, it } from 'vitest';
import { moveBootGroup, moveVm, removeBootGroup, type EditableBootGroup } from './recovery-plan-model';

const plan: EditableBootGroup[] = [
  { key: 'a', name: 'Directory', delay: '120', vmIds: ['dc'] },
  { key: 'b', name: 'Database', delay: '0', vmIds: ['sql1', 'sql2'] },
];

describe('recovery plan edits', () => {
  it('moves a VM to another boot group, keeping it in exactly one', () => {
    const next = moveVm(plan, 'sql2', 'a');
    expect(next.map((b) => b.vmIds)).toEqual([['dc', 'sql2'], ['sql1']]);
  });

  it('reorders boot groups and ignores moves past either end', () => {
    expect(moveBootGroup(plan, 1, -1).map((b) => b.key)).toEqual(['b', 'a']);
    expect(moveBootGroup(plan, 0, -1)).toBe(plan);
  });

  it('gives the VMs of a removed boot group to its neighbour', () => {
    expect(removeBootGroup(plan, 0)).toEqual([{ key: 'b', name: 'Database', delay: '0', vmIds: ['sql1', 'sql2', 'dc'] }]);
    expect(removeBootGroup([plan[0]], 0)).toHaveLength(1);
  });
});
