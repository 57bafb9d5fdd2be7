import 'server-only';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Executor } from '@/db';
import { groupMembers, operations, protectionGroups, vms } from '@/db/schema';
import { OPEN_OPERATION_STATUSES } from '@/lib/schemas/operations';
import { isoOrNull, iso } from '@/lib/domain/core/clock';
import type { GroupDto } from '@/lib/domain/core/dto';
import type { TestResult } from '@/lib/schemas/operations';

const PAST_TEST = 'past_test';
const pastTest = alias(operations, PAST_TEST);

/**
 * A column of the group's last ended test failover (one indexed look-up per group on
 * (group_id, started_at); tests of a group never overlap, so the last started ended last).
 */
function lastEndedTest<T>(column: SQL) {
  return sql<T>`(select ${column} from ${operations} as ${sql.identifier(PAST_TEST)} where ${and(
    eq(pastTest.groupId, protectionGroups.id),
    eq(pastTest.type, 'test-failover'),
    inArray(pastTest.status, ['completed', 'failed']),
  )} order by ${desc(pastTest.startedAt)} limit 1)`;
}

/** The columns of a GroupDto, plus the open operation found by a left join (at most one per group). */
export const groupColumns = {
  id: protectionGroups.id,
  tenantId: protectionGroups.tenantId,
  name: protectionGroups.name,
  description: protectionGroups.description,
  sourceSiteId: protectionGroups.sourceSiteId,
  targetSiteId: protectionGroups.targetSiteId,
  status: protectionGroups.status,
  subStatus: protectionGroups.subStatus,
  rpoSeconds: protectionGroups.rpoSeconds,
  rpoTargetSeconds: protectionGroups.rpoTargetSeconds,
  rtoTargetMinutes: protectionGroups.rtoTargetMinutes,
  journalHistoryHours: protectionGroups.journalHistoryHours,
  priority: protectionGroups.priority,
  lastTestedAt: protectionGroups.lastTestedAt,
  // The result recorded when the test was stopped; a test whose operation failed did not pass.
  lastTestResult: lastEndedTest<TestResult | null>(sql`case when ${pastTest.status} = 'completed' then ${pastTest.result} else 'failed' end`),
  lastTestEndedAt: lastEndedTest<number | null>(sql`${pastTest.finishedAt}`),
  createdAt: protectionGroups.createdAt,
  version: protectionGroups.configVersion,
  openOperationId: operations.id,
};

/** Join condition for the group's open operation (the database allows only one). */
export const openOperationJoin = and(
  eq(operations.groupId, protectionGroups.id),
  inArray(operations.status, [...OPEN_OPERATION_STATUSES]),
);

type GroupRow = Omit<GroupDto, 'lastTestedAt' | 'lastTestEndedAt' | 'createdAt' | 'vmIds' | 'openOperationId'> & {
  lastTestedAt: Date | null;
  lastTestEndedAt: number | null;
  createdAt: Date;
  openOperationId: string | null;
};

export function toGroupDto(row: GroupRow, vmIds: string[]): GroupDto {
  return {
    ...row,
    lastTestedAt: isoOrNull(row.lastTestedAt),
    lastTestEndedAt: isoOrNull(row.lastTestEndedAt),
    createdAt: iso(row.createdAt),
    vmIds,
    openOperationId: row.openOperationId ?? null,
  };
}

/**
 * Member VM ids of many groups in one query, keyed by group, ordered by VM name. The filter is
 * the same tenant condition as the group list, so no unbounded IN list is built.
 */
export function memberIdsByGroup(db: Executor, tenantId: string | null, groupId?: string): Map<string, string[]> {
  const rows = db
    .select({ groupId: groupMembers.groupId, vmId: groupMembers.vmId })
    .from(groupMembers)
    .innerJoin(vms, eq(vms.id, groupMembers.vmId))
    .where(and(tenantId === null ? undefined : eq(vms.tenantId, tenantId), groupId ? eq(groupMembers.groupId, groupId) : undefined))
    .orderBy(asc(vms.name))
    .all();
  const byGroup = new Map<string, string[]>();
  for (const r of rows) {
    const list = byGroup.get(r.groupId);
    if (list) list.push(r.vmId);
    else byGroup.set(r.groupId, [r.vmId]);
  }
  return byGroup;
}
