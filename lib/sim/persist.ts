/**
 * Writes the engine's state to SQLite in one transaction per batch: group status columns,
 * members' sync progress, checkpoints (inserted, thinned, pruned to the journal window), RPO
 * samples (upserted, pruned per tier), alerts, and the snapshot to resume from. Raw prepared
 * statements: a backfill writes ~10^5 rows and the query builder's per-row cost would dominate.
 */
import type { DB } from '@/db';
import { RPO_TIERS } from '@/db/schema';
import type { Engine } from '@/lib/engine';
import { groupTopics, publishLive } from '@/lib/core/live-events';
import { newId } from '@/lib/ids';
import { recordAlertNotifications } from './alert-notifications';
import { LiveGroupChanges } from './live-changes';
import type { PendingWrites } from './pending-writes';
import { STATE_KEYS, writeStateStatement, type ClockState } from './state-store';

/** Sample retention is enforced at most this often per group (simulated time). */
const SAMPLE_PRUNE_EVERY_MS = 10 * 60_000;
/** Stored checkpoints are pruned to the journal floor when it moved at least this much. */
const CHECKPOINT_PRUNE_STEP_MS = 5_000;

const SAMPLE_COLUMNS = 8;
/** 64 rows × 8 columns: 512 parameters, far below SQLite's limit. */
const SAMPLES_PER_STATEMENT = 64;
const upsertSamplesSql = (rows: number) =>
  `INSERT INTO rpo_samples (group_id, tier, time_ms, rpo_seconds, throughput_mbps, wan_mbps, write_iops, applied_iops) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
   ON CONFLICT(group_id, tier, time_ms) DO UPDATE SET rpo_seconds = excluded.rpo_seconds, throughput_mbps = excluded.throughput_mbps, wan_mbps = excluded.wan_mbps,
   write_iops = excluded.write_iops, applied_iops = excluded.applied_iops`;

export class Persister {
  /** Engine alert key → alerts.id of the open row. */
  readonly alertIds: Map<string, string>;
  private readonly memberState = new Map<string, string>();
  private readonly prunedFloor = new Map<string, number>();
  private readonly samplesPrunedAt = new Map<string, number>();
  private readonly sql;
  private readonly putState;
  private readonly sampleArgs: (string | number)[] = new Array<string | number>(SAMPLES_PER_STATEMENT * SAMPLE_COLUMNS);
  private readonly liveGroups = new LiveGroupChanges();
  /** Tenant (null: provider-wide) → topics to announce on the live stream once the batch has committed. */
  private live = new Map<string | null, Set<string>>();
  /** Where committed changes are announced (a catch-up worker passes them to the server's thread). */
  publish: (tenantId: string | null, topics: Iterable<string>) => void = publishLive;

  constructor(private readonly db: DB, alertIds: Record<string, string> = {}) {
    this.alertIds = new Map(Object.entries(alertIds));
    const c = db.$client;
    this.putState = writeStateStatement(db);
    this.sql = {
      groupIds: c.prepare('SELECT id FROM protection_groups').pluck(),
      updateGroup: c.prepare(
        `UPDATE protection_groups SET status = ?, sub_status = ?, rpo_seconds = ?, history_covered_seconds = ?, journal_used_gb = ?,
         throughput_mbps = ?, wan_mbps = ?, backlog_mb = ?, write_iops = ?, applied_iops = ?, limit_reason = ? WHERE id = ?`,
      ),
      updateMember: c.prepare('UPDATE group_members SET sync_state = ?, sync_progress = ? WHERE group_id = ? AND vm_id = ?'),
      insertCheckpoint: c.prepare('INSERT INTO checkpoints (id, group_id, time_ms, kind, tag, created_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING'),
      // Operations may have promoted a crash checkpoint to tagged (a tested point): keep those.
      deleteThinned: c.prepare("DELETE FROM checkpoints WHERE id = ? AND kind = 'crash'"),
      deleteJournal: c.prepare('DELETE FROM checkpoints WHERE group_id = ?'),
      pruneJournal: c.prepare('DELETE FROM checkpoints WHERE group_id = ? AND time_ms < ?'),
      storedJournal: c.prepare("SELECT id FROM checkpoints WHERE group_id = ? AND kind != 'tagged'").pluck(),
      deleteCheckpoint: c.prepare('DELETE FROM checkpoints WHERE id = ?'),
      upsertSample: c.prepare(upsertSamplesSql(1)),
      upsertSamples: c.prepare(upsertSamplesSql(SAMPLES_PER_STATEMENT)),
      pruneSamples: c.prepare('DELETE FROM rpo_samples WHERE group_id = ? AND tier = ? AND time_ms < ?'),
      insertAlert: c.prepare(
        `INSERT INTO alerts (id, tenant_id, group_id, site_id, vm_id, code, level, message, raised_at, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      ),
      resolveAlert: c.prepare('UPDATE alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL'),
      alertTenant: c.prepare('SELECT tenant_id AS tenantId, group_id AS groupId FROM alerts WHERE id = ?'),
    };
  }

  /** Ids of the groups that still exist: events of a group deleted behind the engine's back are dropped. */
  existingGroupIds(): Set<string> {
    return new Set(this.sql.groupIds.all() as string[]);
  }

  write(engine: Engine, batch: PendingWrites, existing: Set<string>, state: { clock: ClockState; snapshot: boolean }): void {
    const s = this.sql;
    const nowMs = engine.nowMs;
    this.db.$client.transaction(() => {
      for (const groupId of batch.journalResets) if (existing.has(groupId)) s.deleteJournal.run(groupId);
      for (const [id, groupId] of batch.checkpointDeletes) if (existing.has(groupId)) s.deleteThinned.run(id);
      for (const r of batch.checkpointInserts.values()) {
        if (existing.has(r.groupId)) s.insertCheckpoint.run(r.id, r.groupId, r.timeMs, r.kind, r.tag, r.createdBy);
      }
      this.writeSamples(batch, existing);
      this.writeAlerts(batch, existing);
      recordAlertNotifications(this.db, batch.alertOps, nowMs, existing);
      for (const groupId of engine.groups.keys()) {
        if (existing.has(groupId)) this.writeGroup(engine, groupId, nowMs);
      }
      if (state.snapshot) {
        this.putState(STATE_KEYS.engine, engine.snapshot({ checkpoints: false }), nowMs);
        this.putState(STATE_KEYS.clock, state.clock, nowMs);
      }
      this.putState(STATE_KEYS.alertIds, Object.fromEntries(this.alertIds), nowMs);
    })();
    this.announce();
  }

  private noteLive(tenantId: string | null, topics: string[]): void {
    let set = this.live.get(tenantId);
    if (!set) this.live.set(tenantId, (set = new Set()));
    for (const t of topics) set.add(t);
  }

  /** Publishes what the committed batch changed (lib/core/live-events.ts coalesces it further). */
  private announce(): void {
    const live = this.live;
    this.live = new Map();
    for (const [tenantId, topics] of live) this.publish(tenantId, tenantId === null ? [...topics].filter((t) => !t.includes(':')) : topics);
  }

  /**
   * Samples, SAMPLES_PER_STATEMENT rows per statement (a backfill writes ~10^7: one native call
   * per row would be most of its time), group by group; the rest one by one. Rows of one batch
   * go in order, so should a sample come twice the later one wins.
   */
  private writeSamples(batch: PendingWrites, existing: Set<string>): void {
    const args = this.sampleArgs;
    let n = 0;
    for (const [groupId, rows] of batch.samples) {
      if (!existing.has(groupId)) continue;
      for (const r of rows) {
        args[n++] = groupId;
        args[n++] = r.tier;
        args[n++] = r.timeMs;
        args[n++] = r.rpoSeconds;
        args[n++] = r.throughputMBps;
        args[n++] = r.wanMBps;
        args[n++] = r.writeIops;
        args[n++] = r.appliedIops;
        if (n === args.length) {
          this.sql.upsertSamples.run(args);
          n = 0;
        }
      }
    }
    for (let i = 0; i < n; i += SAMPLE_COLUMNS) this.sql.upsertSample.run(args.slice(i, i + SAMPLE_COLUMNS));
  }

  /**
   * Makes the stored journals equal to the engine's after a catch-up (which skips journal
   * events): inserts what is missing, deletes what the engine thinned or pruned. Tagged rows are
   * kept: operations promote tested points to tagged in the database only.
   */
  replaceJournals(engine: Engine, existing: Set<string>): void {
    const s = this.sql;
    this.db.$client.transaction(() => {
      for (const groupId of engine.groups.keys()) {
        if (!existing.has(groupId)) continue;
        const records = engine.checkpointsOf(groupId);
        const keep = new Set(records.map((r) => r.id));
        for (const id of s.storedJournal.all(groupId) as string[]) if (!keep.has(id)) s.deleteCheckpoint.run(id);
        for (const r of records) s.insertCheckpoint.run(r.id, groupId, r.timeMs, r.kind, r.tag ?? null, r.createdBy ?? null);
      }
    })();
  }

  private writeAlerts(batch: PendingWrites, existing: Set<string>): void {
    const s = this.sql;
    for (const op of batch.alertOps) {
      if (op.op === 'raise') {
        const a = op.info;
        if (a.groupId !== null && !existing.has(a.groupId)) continue;
        const id = newId('alr');
        s.insertAlert.run(id, a.tenantId, a.groupId, a.siteId, a.vmId, a.code, a.level, a.message, op.atMs);
        this.alertIds.set(a.key, id);
        this.noteLive(a.tenantId, a.groupId ? ['alerts', ...groupTopics(a.groupId)] : ['alerts', 'dashboard', 'groups']);
      } else {
        const id = this.alertIds.get(op.key);
        if (id) {
          s.resolveAlert.run(op.atMs, id);
          const row = s.alertTenant.get(id) as { tenantId: string | null; groupId: string | null } | undefined;
          if (row) this.noteLive(row.tenantId, row.groupId ? ['alerts', ...groupTopics(row.groupId)] : ['alerts', 'dashboard', 'groups']);
        }
        this.alertIds.delete(op.key);
      }
    }
  }

  private writeGroup(engine: Engine, groupId: string, nowMs: number): void {
    const s = this.sql;
    const v = engine.view(groupId);
    s.updateGroup.run(v.status, v.subStatus, v.rpoSeconds, v.historyCoveredSeconds, v.journalUsedGb, v.throughputMBps, v.wanMBps, v.backlogMB, v.writeIops, v.appliedIops, v.limitReason, groupId);
    if (this.liveGroups.changed(v)) this.noteLive(engine.groups.get(groupId)?.tenantId ?? null, groupTopics(groupId));
    for (const m of v.members) {
      const key = `${groupId}|${m.vmId}`;
      const value = `${m.syncState}|${m.syncProgress.toFixed(4)}`;
      if (this.memberState.get(key) === value) continue;
      s.updateMember.run(m.syncState, m.syncProgress, groupId, m.vmId);
      this.memberState.set(key, value);
    }
    const floor = Math.floor(v.journalFloorMs);
    if (floor - (this.prunedFloor.get(groupId) ?? -Infinity) >= CHECKPOINT_PRUNE_STEP_MS) {
      s.pruneJournal.run(groupId, floor);
      this.prunedFloor.set(groupId, floor);
    }
    if (nowMs - (this.samplesPrunedAt.get(groupId) ?? -Infinity) >= SAMPLE_PRUNE_EVERY_MS) {
      for (const t of RPO_TIERS) s.pruneSamples.run(groupId, t.tier, nowMs - t.keepMs);
      this.samplesPrunedAt.set(groupId, nowMs);
    }
  }

  /**
   * After a restore: the open alert rows and the engine's open alerts must agree. Rows the engine
   * no longer holds open are resolved now; engine alerts without a row get one.
   */
  reconcileAlerts(engine: Engine, existing: Set<string>): void {
    const c = this.db.$client;
    const codes = ['rpo-warning', 'rpo-breach', 'history-not-met', 'site-down', 'link-down', 'continuous-writer', 'initial-sync-stalled', 'test-overdue'];
    const open = c
      .prepare(`SELECT id FROM alerts WHERE resolved_at IS NULL AND code IN (${codes.map(() => '?').join(', ')})`)
      .pluck()
      .all(...codes) as string[];
    const openIds = new Set(open);
    const engineOpen = new Map(engine.openAlerts().map((a) => [a.key, a]));
    const wanted = new Set<string>();
    for (const [key, id] of [...this.alertIds]) {
      if (engineOpen.has(key)) wanted.add(id);
      else this.alertIds.delete(key);
    }
    c.transaction(() => {
      for (const id of open) if (!wanted.has(id)) this.sql.resolveAlert.run(engine.nowMs, id);
      for (const [key, a] of engineOpen) {
        const id = this.alertIds.get(key);
        if (id && openIds.has(id)) continue;
        if (a.groupId !== null && !existing.has(a.groupId)) continue;
        const fresh = newId('alr');
        this.sql.insertAlert.run(fresh, a.tenantId, a.groupId, a.siteId, a.vmId, a.code, a.level, a.message, a.raisedAtMs);
        this.alertIds.set(key, fresh);
      }
      this.putState(STATE_KEYS.alertIds, Object.fromEntries(this.alertIds), engine.nowMs);
    })();
  }
}
