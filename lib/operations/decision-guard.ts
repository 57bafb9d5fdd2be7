/**
 * When a commit or a rollback may not be carried out, whoever decides: a person (the domain
 * answers 409) or the commit policy at its deadline (the machine holds and alerts instead).
 * One rule for both, so the API and the timers never disagree.
 *
 * - Commit keeps the recovered VMs at the recovery site: refused while that site is offline
 *   (they would be listed running in a site that is down).
 * - Rollback removes the recovered VMs and restarts production: refused while the production
 *   site is offline, because the recovered VMs are then the only running copy. A person may
 *   still roll back with break-glass and a written reason; a timer never does.
 */
import type { Decision, OperationOptions } from './types';

/** Reachability of the operation's two sites now (not at start). Unknown counts as online. */
export type SiteReach = { sourceSiteOnline?: boolean; targetSiteOnline?: boolean };

export type DecisionBlock = {
  /** Which of the operation's sites is in the way. */
  site: 'source' | 'target';
  siteName: string;
  /** Why, in words, for the 409 and for the operation's step. */
  message: string;
  /** Rollback only: a person may override it with break-glass and a reason. */
  breakGlassAllowed: boolean;
};

export function decisionBlock(options: Pick<OperationOptions, 'fromSiteName' | 'toSiteName'>, kind: Decision['kind'], reach: SiteReach): DecisionBlock | null {
  const { fromSiteName: from, toSiteName: to } = options;
  if (kind === 'commit' && reach.targetSiteOnline === false) {
    return {
      site: 'target', siteName: to, breakGlassAllowed: false,
      message: `Recovery site ${to} is offline: the recovered VMs cannot be kept running there. Wait until ${to} is back online, or roll back.`,
    };
  }
  if (kind === 'rollback' && reach.sourceSiteOnline === false) {
    return {
      site: 'source', siteName: from, breakGlassAllowed: true,
      message: `Production site ${from} is offline: a rollback would remove the recovered VMs at ${to}, the only running copy, and nothing could be restarted at ${from}. Commit, wait until ${from} is back online, or roll back with break-glass and a reason.`,
    };
  }
  return null;
}
