import { describe, expect, it } from 'vitest';
import { addTier, editablePlan, moveTier, placeGroup, planBody, planErrors, removeGroup, removeTier, setDelay, unplacedGroups } from './plan-model';

const saved = { name: 'London', description: null, tiers: [{ groupIds: ['a'], delayAfterSeconds: 60 }, { groupIds: ['b', 'c'], delayAfterSeconds: 0 }] };

describe('plan editor model', () => {
  it('starts a new plan with one empty tier; a saved one as stored', () => {
    expect(editablePlan(null)).toMatchObject({ name: '', description: '', tiers: [{ groupIds: [], delay: '0' }] });
    expect(editablePlan(saved).tiers.map((t) => [t.groupIds, t.delay])).toEqual([[['a'], '60'], [['b', 'c'], '0']]);
  });

  it('moves tiers, places a group in one tier only, and frees the groups of a removed tier', () => {
    let tiers = editablePlan(saved).tiers;
    tiers = moveTier(tiers, 1, -1);
    expect(tiers.map((t) => t.groupIds)).toEqual([['b', 'c'], ['a']]);
    expect(moveTier(tiers, 0, -1)).toBe(tiers);
    tiers = placeGroup(tiers, 'b', tiers[1].key);
    expect(tiers.map((t) => t.groupIds)).toEqual([['c'], ['a', 'b']]);
    tiers = addTier(tiers);
    expect(unplacedGroups([{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }], tiers)).toEqual([{ id: 'd' }]);
    tiers = removeTier(tiers, 0);
    expect(unplacedGroups([{ id: 'a' }, { id: 'b' }, { id: 'c' }], tiers)).toEqual([{ id: 'c' }]);
    tiers = removeGroup(tiers, 'a');
    expect(tiers.map((t) => t.groupIds)).toEqual([['b'], []]);
  });

  it('validates with the shared schema, naming the same fields the server does', () => {
    const plan = editablePlan(saved);
    expect(planErrors(plan)).toBeNull();
    expect(planBody({ ...plan, tiers: setDelay(plan.tiers, 0, ' ') }).tiers[0].delayAfterSeconds).toBeUndefined();
    expect(planErrors({ ...plan, name: ' ', tiers: setDelay(plan.tiers, 1, '4000') })).toEqual({
      name: 'Plan name is required.',
      'tiers.1.delayAfterSeconds': expect.stringContaining('at most'),
    });
    expect(planErrors({ ...plan, tiers: addTier(plan.tiers) })).toEqual({ 'tiers.2.groupIds': 'Each tier needs at least one group.' });
    expect(planErrors({ ...plan, tiers: [] })).toEqual({ tiers: 'A plan needs at least one tier.' });
  });
});
