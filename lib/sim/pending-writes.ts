/**
 * Engine events waiting for the next batched write. Changes that cancel out inside one batch
 * never reach the database: a checkpoint created and thinned before the flush is neither
 * inserted nor deleted, and a sample rewritten twice is written once. That keeps a 24 h
 * backfill at the size of what survives, not of everything that happened.
 */
import { checkpointId, type AlertInfo, type CheckpointKind, type EngineEvent } from '@/lib/engine';

export type CheckpointRow = { id: string; groupId: string; timeMs: number; kind: CheckpointKind; tag: string | null; createdBy: string | null };
export type SampleRow = { groupId: string; tier: number; timeMs: number; rpoSeconds: number; throughputMBps: number; wanMBps: number; writeIops: number; appliedIops: number };
export type AlertOp = { op: 'raise'; atMs: number; info: AlertInfo } | { op: 'resolve'; atMs: number; key: string };

export class PendingWrites {
  checkpointInserts = new Map<string, CheckpointRow>();
  /** Thinned checkpoint id → group. */
  checkpointDeletes = new Map<string, string>();
  /** Groups whose stored journal must go before this batch's inserts (direction changed). */
  journalResets = new Set<string>();
  /**
   * Samples per group, in arrival order (a group's rows together: the table's key starts with the
   * group, so writing them group by group keeps the index inserts local). Each interval is
   * emitted once; should one come twice the upsert makes the later win, as a map would.
   */
  samples = new Map<string, SampleRow[]>();
  private sampleCount = 0;
  alertOps: AlertOp[] = [];
  /**
   * Per tier, samples older than this are dropped on arrival: during a long catch-up most fine
   * samples would be pruned by the time the catch-up ends, so they are never written at all.
   */
  sampleHorizonMs: number[] = [];
  /**
   * During a catch-up most checkpoints are created and thinned days later, in another batch:
   * writing them would insert and delete millions of rows. Instead journal events are ignored
   * and the runtime writes each journal as the engine holds it when the catch-up ends.
   */
  journalsDeferred = false;

  add(events: EngineEvent[]): void {
    for (const e of events) {
      switch (e.type) {
        case 'checkpoint': {
          if (this.journalsDeferred) break;
          const id = checkpointId(e.groupId, e.timeMs, e.kind);
          this.checkpointInserts.set(id, { id, groupId: e.groupId, timeMs: e.timeMs, kind: e.kind, tag: e.tag, createdBy: e.createdBy });
          break;
        }
        case 'checkpoints-thinned':
          if (this.journalsDeferred) break;
          for (const t of e.timesMs) {
            const id = checkpointId(e.groupId, t, 'crash');
            if (!this.checkpointInserts.delete(id)) this.checkpointDeletes.set(id, e.groupId);
          }
          break;
        case 'journal-reset':
          if (this.journalsDeferred) break;
          this.journalResets.add(e.groupId);
          for (const [id, row] of this.checkpointInserts) if (row.groupId === e.groupId) this.checkpointInserts.delete(id);
          for (const [id, groupId] of this.checkpointDeletes) if (groupId === e.groupId) this.checkpointDeletes.delete(id);
          break;
        case 'rpo-sample': {
          if (e.timeMs < (this.sampleHorizonMs[e.tier] ?? -Infinity)) break;
          // The event is the row (no copy, no key string: a 30-day backfill passes ~10^7 of them).
          const rows = this.samples.get(e.groupId);
          if (rows) rows.push(e);
          else this.samples.set(e.groupId, [e]);
          this.sampleCount++;
          break;
        }
        case 'alert-raised': {
          const info: AlertInfo = { key: e.key, code: e.code, level: e.level, tenantId: e.tenantId, groupId: e.groupId, siteId: e.siteId, vmId: e.vmId, message: e.message };
          this.alertOps.push({ op: 'raise', atMs: e.atMs, info });
          break;
        }
        case 'alert-resolved':
          this.alertOps.push({ op: 'resolve', atMs: e.atMs, key: e.key });
          break;
        case 'member-synced':
          // Written from the group view at flush time.
          break;
      }
    }
  }

  /**
   * Forgets queued checkpoint inserts and thinning deletes (not journal resets): for a catch-up
   * that rewrites every journal from the engine when it ends (see Persister.replaceJournals).
   */
  dropQueuedCheckpoints(): void {
    this.checkpointInserts.clear();
    this.checkpointDeletes.clear();
  }

  /** Forgets everything about a deleted group (its rows are gone with it). */
  dropGroup(groupId: string): void {
    for (const [id, row] of this.checkpointInserts) if (row.groupId === groupId) this.checkpointInserts.delete(id);
    for (const [id, g] of this.checkpointDeletes) if (g === groupId) this.checkpointDeletes.delete(id);
    this.journalResets.delete(groupId);
    this.sampleCount -= this.samples.get(groupId)?.length ?? 0;
    this.samples.delete(groupId);
    this.alertOps = this.alertOps.filter((op) => op.op === 'resolve' || op.info.groupId !== groupId);
  }

  get size(): number {
    return this.checkpointInserts.size + this.checkpointDeletes.size + this.journalResets.size + this.sampleCount + this.alertOps.length;
  }

  take(): PendingWrites {
    const batch = new PendingWrites();
    batch.sampleHorizonMs = this.sampleHorizonMs;
    batch.journalsDeferred = this.journalsDeferred;
    [batch.checkpointInserts, this.checkpointInserts] = [this.checkpointInserts, batch.checkpointInserts];
    [batch.checkpointDeletes, this.checkpointDeletes] = [this.checkpointDeletes, batch.checkpointDeletes];
    [batch.journalResets, this.journalResets] = [this.journalResets, batch.journalResets];
    [batch.samples, this.samples] = [this.samples, batch.samples];
    [batch.sampleCount, this.sampleCount] = [this.sampleCount, 0];
    [batch.alertOps, this.alertOps] = [this.alertOps, batch.alertOps];
    return batch;
  }
}
