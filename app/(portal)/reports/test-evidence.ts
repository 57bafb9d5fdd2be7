import type { Executor } from '@/db';
import type { Actor } from '@/lib/domain/actor';
import { listOperations, type OperationDto } from '@/lib/domain/operations';
import { formatDateTime, formatDuration, formatMinutes } from '@/lib/format';
import { dayFilter } from '@/lib/schemas/dates';

export type EvidenceFilters = { groupId: string; result: '' | 'passed' | 'failed'; from: string; to: string };

/** Filters from the query string; anything malformed is ignored rather than failing the report. */
export function parseEvidenceFilters(p: Record<string, string | string[] | undefined>): EvidenceFilters {
  const one = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '');
  const result = one('result');
  return { groupId: one('groupId').slice(0, 64), result: result === 'passed' || result === 'failed' ? result : '', from: dayFilter(one('from')), to: dayFilter(one('to')) };
}

/** Most test failovers one report lists; years of annual tests fit many times over. */
const MAX_ROWS = 1000;

/** Test failovers of the tenant, newest first, as the annual-test evidence. */
export async function testEvidence(db: Executor, actor: Actor, f: EvidenceFilters): Promise<OperationDto[]> {
  const out: OperationDto[] = [];
  let cursor: string | undefined;
  do {
    const page = await listOperations(db, actor, { type: 'test-failover', groupId: f.groupId || undefined, limit: 200, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < MAX_ROWS);
  const fromMs = f.from ? Date.parse(`${f.from}T00:00:00Z`) : -Infinity;
  const toMs = f.to ? Date.parse(`${f.to}T23:59:59.999Z`) : Infinity;
  return out.filter((o) => {
    const t = Date.parse(o.startedAt);
    return t >= fromMs && t <= toMs && (!f.result || o.result === f.result);
  });
}

export const EVIDENCE_HEADER = ['Group', 'Started', 'Finished', 'Started by', 'Checkpoint', 'Data loss', 'RTO achieved', 'RTO target', 'RTO met', 'Result', 'Notes', 'Operation'];

/** One row of evidence, in the words an auditor reads (shared by the page and the CSV). */
export function evidenceRow(o: OperationDto): string[] {
  const rtoMet = o.rtoSeconds == null ? '' : o.rtoSeconds <= o.rtoTargetMinutes * 60 ? 'yes' : 'no';
  return [
    o.groupName,
    formatDateTime(o.startedAt),
    formatDateTime(o.finishedAt),
    `${o.startedBy}${o.actingAsStaff ? ' (provider staff)' : ''}`,
    o.checkpointTime ? formatDateTime(o.checkpointTime, { seconds: true }) : 'latest',
    formatDuration(o.dataLossSeconds),
    formatDuration(o.rtoSeconds),
    formatMinutes(o.rtoTargetMinutes),
    rtoMet,
    o.result ?? (o.status === 'failed' ? 'failed (operation error)' : 'in progress'),
    o.notes ?? '',
    o.id,
  ];
}
