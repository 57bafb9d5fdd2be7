import 'server-only';
import { and, desc, eq, gte, lt, lte, or } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { checkpoints } from '@/db/schema';
import { newId } from '@/lib/ids';
import { listCheckpointsQuerySchema, tagCheckpointSchema } from '@/lib/schemas/checkpoints';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { authorize } from '@/lib/domain/core/authorize';
import { iso, simNow } from '@/lib/domain/core/clock';
import { decodeCursor, encodeCursor } from '@/lib/domain/core/cursor';
import type { CheckpointDto, Page } from '@/lib/domain/core/dto';
import { ConflictError, DomainError } from '@/lib/core/errors';
import { parseBody } from '@/lib/domain/core/input';
import { findGroupInScope } from '@/lib/domain/groups/group-in-scope';
import { assertEngineLive, simulator } from '@/lib/sim/bridge';
import { parseInput } from '@/lib/domain/core/validate';

type CheckpointCursor = { t: number; id: string };
const isCursor = (v: unknown): v is CheckpointCursor =>
  !!v && typeof v === 'object' && typeof (v as CheckpointCursor).t === 'number' && typeof (v as CheckpointCursor).id === 'string';

/** Journal checkpoints of a group, newest first, keyset-paged on (time, id) inside an optional time range. */
export async function listCheckpoints(
  db: Executor,
  actor: Actor,
  groupId: string,
  query: { limit?: number | string; cursor?: string; kind?: string; from?: string; to?: string } = {},
): Promise<Page<CheckpointDto>> {
  authorize(db, actor, 'tenant:read', { type: 'checkpoint', id: groupId });
  findGroupInScope(db, actor, groupId);
  const q = parseInput(listCheckpointsQuerySchema, query);
  const after = decodeCursor(q.cursor, isCursor);
  const rows = db
    .select({ id: checkpoints.id, timeMs: checkpoints.timeMs, kind: checkpoints.kind, tag: checkpoints.tag })
    .from(checkpoints)
    .where(
      and(
        eq(checkpoints.groupId, groupId),
        q.kind ? eq(checkpoints.kind, q.kind) : undefined,
        q.from ? gte(checkpoints.timeMs, q.from.getTime()) : undefined,
        q.to ? lte(checkpoints.timeMs, q.to.getTime()) : undefined,
        after ? or(lt(checkpoints.timeMs, after.t), and(eq(checkpoints.timeMs, after.t), lt(checkpoints.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(checkpoints.timeMs), desc(checkpoints.id))
    .limit(q.limit + 1)
    .all();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ id: r.id, time: iso(r.timeMs), kind: r.kind, tag: r.tag })),
    nextCursor: rows.length > q.limit ? encodeCursor({ t: last.timeMs, id: last.id } satisfies CheckpointCursor) : null,
  };
}

/**
 * A consistent point needs replication reaching the target: not before the initial sync, not
 * while a failover has stopped it, not once the group is failed over.
 */
const TAGGABLE = new Set(['meeting-sla', 'rpo-not-met', 'history-not-met', 'testing', 'reverse-replicating']);

/** POST /groups/{id}/checkpoints: write a tagged checkpoint now (e.g. before a risky change). */
export async function tagCheckpoint(db: DB, actor: Actor, groupId: string, input: unknown): Promise<CheckpointDto> {
  authorize(db, actor, 'checkpoint:tag', { type: 'checkpoint', id: groupId });
  const group = findGroupInScope(db, actor, groupId);
  const { tag } = parseBody(tagCheckpointSchema, input);
  if (!TAGGABLE.has(group.status)) {
    throw new ConflictError(`The group is ${group.status}: a checkpoint can be tagged only while it replicates to the recovery site.`, { status: group.status });
  }

  const sim = await simulator();
  assertEngineLive(sim);
  let checkpoint: { id: string; timeMs: number };
  if (sim) {
    try {
      checkpoint = sim.tagCheckpoint(groupId, tag, actor.userId);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      // The engine refuses a tag when it has no consistent point to offer right now.
      throw new ConflictError(`The checkpoint could not be written: ${error instanceof Error ? error.message : 'replication is not ready'}.`);
    }
  } else {
    // No simulator in this process (tests, SIM_ENABLED=0): the journal row is written here.
    checkpoint = { id: newId('cp'), timeMs: await simNow() };
  }

  db.transaction((tx) => {
    if (!sim) tx.insert(checkpoints).values({ id: checkpoint.id, groupId, timeMs: checkpoint.timeMs, kind: 'tagged', tag, createdBy: actor.userId }).run();
    audit(tx, actor, { action: 'checkpoint.tag', tenantId: group.tenantId, targetType: 'protection-group', targetId: groupId, simulatedTime: checkpoint.timeMs, details: { checkpointId: checkpoint.id, tag } });
  });
  return { id: checkpoint.id, time: iso(checkpoint.timeMs), kind: 'tagged', tag };
}
