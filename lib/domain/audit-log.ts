import { and, desc, eq, gte, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { auditLog } from '@/db/schema';
import { listAuditQuerySchema } from '@/lib/schemas/audit';
import type { Actor } from './actor';
import { authorize, tenantScope } from './authorize';
import { iso } from './clock';
import { decodeCursor, encodeCursor } from './cursor';
import type { AuditEntryDto, Page } from './dto';
import { tenantFilter } from './scope';
import { parseInput } from './validate';

const isCursor = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * GET /audit: the trail newest first. A client admin reads their tenant's entries; staff read
 * everything or one tenant's. `action` matches exactly or as a dotted prefix ("group" → group.*).
 */
export async function listAudit(
  db: Executor,
  actor: Actor,
  query: { limit?: number | string; cursor?: string; action?: string; from?: string; to?: string; tenantId?: string } = {},
): Promise<Page<AuditEntryDto>> {
  authorize(db, actor, 'audit:read', { type: 'audit-log' });
  const scope = tenantScope(actor, query.tenantId);
  const q = parseInput(listAuditQuerySchema, query);
  const before = decodeCursor(q.cursor, isCursor);
  const rows = db
    .select({
      id: auditLog.id,
      time: auditLog.time,
      actorId: auditLog.actorId,
      actorEmail: auditLog.actorEmail,
      actorRole: auditLog.actorRole,
      tenantId: auditLog.tenantId,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      outcome: auditLog.outcome,
      sourceIp: auditLog.sourceIp,
      details: auditLog.details,
    })
    .from(auditLog)
    .where(
      and(
        tenantFilter(auditLog.tenantId, scope),
        q.action ? or(eq(auditLog.action, q.action), sql`${auditLog.action} like ${`${escapeLike(q.action)}.%`} escape '\\'`) : undefined,
        q.from ? gte(auditLog.time, q.from) : undefined,
        q.to ? lte(auditLog.time, q.to) : undefined,
        before ? lt(auditLog.id, before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1)
    .all();
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({ ...r, id: String(r.id), time: iso(r.time), details: r.details ?? null })),
    nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1].id) : null,
  };
}
