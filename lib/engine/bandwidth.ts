/**
 * Shares a tenant's inter-site bandwidth among its groups by priority: weighted max-min
 * fairness (water-filling). Each group gets capacity in proportion to its weight (high 4,
 * medium 2, low 1); a group that needs less than its share takes only what it needs and the rest
 * is shared again among the others. So a quiet high-priority group is never starved by a busy
 * low-priority one, and spare bandwidth is never wasted.
 */
export function shareBandwidth(capacity: number, demands: ArrayLike<number>, weights: ArrayLike<number>, out: Float64Array | number[], n = demands.length): void {
  let total = 0;
  for (let i = 0; i < n; i++) {
    out[i] = 0;
    // Stryker disable next-line EqualityOperator: a zero demand adds nothing either way.
    total += demands[i] > 0 ? demands[i] : 0;
  }
  // A shortcut: when everything fits, the water-filling below also gives every group its demand.
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: see above.
  if (total <= capacity) {
    // Stryker disable next-line EqualityOperator: see above (and a zero demand gets 0 either way).
    for (let i = 0; i < n; i++) out[i] = demands[i] > 0 ? demands[i] : 0;
    return;
  }
  let remaining = capacity;
  // `out[i] < 0` marks a group still waiting for its share during the rounds below.
  let active = 0;
  for (let i = 0; i < n; i++) {
    if (demands[i] > 0) {
      out[i] = -1;
      active++;
    }
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: a round with no group waiting, or no capacity left, satisfies no group and returns below.
  while (active > 0 && remaining > 1e-12) {
    let weight = 0;
    for (let i = 0; i < n; i++) if (out[i] < 0) weight += weights[i];
    const perWeight = remaining / weight;
    let satisfied = 0;
    for (let i = 0; i < n; i++) {
      if (out[i] < 0 && demands[i] <= perWeight * weights[i]) {
        out[i] = demands[i];
        remaining -= demands[i];
        active--;
        satisfied++;
      }
    }
    if (satisfied === 0) {
      for (let i = 0; i < n; i++) if (out[i] < 0) out[i] = perWeight * weights[i];
      return;
    }
  }
  for (let i = 0; i < n; i++) if (out[i] < 0) out[i] = 0;
}
