/**
 * The contract between the simulator runtime (lib/sim, which owns the engine instance inside
 * the server process) and the rest of the server (lib/domain, operations). Keep it small.
 *
 * Data flow: configuration lives in SQLite (groups, members, sites, links, tenants). Domain
 * use cases write it, then call `notifyConfigChanged` so the engine reloads that group.
 * The runtime writes replication state back in batched transactions: the status columns of
 * protection_groups, group_members.sync_*, checkpoints, rpo_samples and alerts.
 */
export type GroupMode =
  | 'replicating' // normal: status derives from RPO/history/sync
  | 'testing' // test VMs up at the target; production keeps replicating
  | 'failing-over' // failover/move in progress: replication from source stopped
  | 'awaiting-commit' // recovered VMs up at the target, commit or rollback pending
  | 'failed-over'; // committed without reverse protection: no replication

/** A site degraded by staff: the share of its storage IOPS left and how many hosts are down. */
export type SiteDegradation = { storageIopsPercent: number; hostsDown: number };

export type CatchUpStatus = { behindMs: number; etaSeconds: number | null };

export interface SimulatorControl {
  /** Simulated clock, epoch ms. Every time the portal shows comes from here. */
  now(): number;
  /** Re-read a group (settings, members, direction) from the database; call after a change. */
  notifyConfigChanged(groupId: string): void;
  /** Forget a deleted group. */
  notifyGroupDeleted(groupId: string): void;
  /** Staff fault injection. Records/ends an `outages` row and drives RPO/alerts. */
  setSiteDown(siteId: string, down: boolean, actorId?: string): void;
  setLinkDown(linkId: string, down: boolean, actorId?: string): void;
  /** Staff degradation of a site (100 % storage and no host down = healthy again). */
  setSiteDegraded(siteId: string, degradation: SiteDegradation): void;
  /** Re-read the tenants' storage volumes after a guarantee changed. */
  notifyVolumesChanged(): void;
  /** Write a tagged checkpoint now; returns its id and time. */
  tagCheckpoint(groupId: string, tag: string, createdBy: string): { id: string; timeMs: number };
  /** Set by the operations driver: what replication does while an operation runs. */
  setGroupMode(groupId: string, mode: GroupMode): void;
  /**
   * After a committed failover with reverse protection: swap direction in the engine and start
   * a delta sync back (group shows `reverse-replicating` until caught up, then `meeting-sla`).
   */
  reverseProtection(groupId: string): void;
  /**
   * Called every tick with the simulated time, after the engine step, so operations (boot
   * timers, auto-commit deadlines) advance on the simulated clock, fast-forward included.
   */
  onTick(listener: (nowMs: number) => void): () => void;
  /** Persist pending state immediately (tests, shutdown). */
  flush(): void;
  /**
   * After a long downtime the server serves while the engine catches up: how far behind real
   * time it still is and, once it can tell, how long that will take. Null when live.
   */
  catchingUp(): CatchUpStatus | null;
}
