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
    total += demands[i] > 0 ? demands[i] : 0;
  }
  if (total <= capacity) {
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
