/** What the recovery-plan use cases answer: shared by the API, the pages and the browser. */

/** A tier as stored and as a run starts it. */
export type StoredTier = { groupIds: string[]; delayAfterSeconds: number };

export type RecoveryPlanGroupDto = {
  id: string;
  name: string;
  sourceSiteId: string;
  targetSiteId: string;
  vmCount: number;
  rtoTargetMinutes: number;
};

export type RecoveryPlanTierDto = {
  /** 1-based, in start order. */
  tier: number;
  /** Wait this long after the tier's VMs are up before the next tier starts. */
  delayAfterSeconds: number;
  groups: RecoveryPlanGroupDto[];
};

export type RecoveryPlanDto = {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  tiers: RecoveryPlanTierDto[];
  groupCount: number;
  vmCount: number;
  updatedAt: string;
};

/** A plan's tiers as a run starts them: existing groups of the tenant only, empty tiers dropped. */
export type PlanTiers = { id: string; name: string; tiers: StoredTier[] };

/** A group a plan may hold, with its own boot order (shown as a hint in the plan editor). */
export type PlanGroupOptionDto = RecoveryPlanGroupDto & {
  bootOrder: { name: string; vmCount: number; delayAfterSeconds: number }[];
};

