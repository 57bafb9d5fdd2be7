import Link from 'next/link';
import { Meter } from '@/components/portal/meter';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { Icon } from '@/components/ui/icons';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { TONE_BADGE, type Tone } from '@/components/ui/tone';
import { formatDuration, formatMinutes, formatNumber } from '@/lib/format';
import type { WhatIfDto, WhatIfGroupDto } from '@/lib/domain/recovery/what-if';

/** The forecast's colour: green every target met, amber some missed, red something cannot recover. */
export const VERDICT_TONE: Record<WhatIfDto['verdict'], Tone> = { met: 'success', missed: 'warning', 'cannot-recover': 'danger', none: 'neutral' };
const VERDICT_ICON = { met: 'checkCircle', missed: 'warning', 'cannot-recover': 'error', none: 'info' } as const;
const VERDICT_TITLE: Record<WhatIfDto['verdict'], string> = {
  met: 'Every group would recover within its targets',
  missed: 'Some groups would miss their targets',
  'cannot-recover': 'Some groups could not be recovered',
  none: 'Nothing to recover',
};

/** The summary line in the verdict's colour, with the groups that miss first. */
export function WhatIfHeadline({ whatIf, linkGroups = true }: { whatIf: WhatIfDto; linkGroups?: boolean }) {
  const tone = VERDICT_TONE[whatIf.verdict];
  return (
    <section
      aria-labelledby="what-if-verdict"
      data-testid="what-if-headline"
      data-tone={tone}
      className={cn('mb-4 rounded-lg px-4 py-3 ring-1 ring-inset', TONE_BADGE[tone])}
    >
      <div className="flex min-w-0 items-start gap-2.5">
        <Icon name={VERDICT_ICON[whatIf.verdict]} className="mt-0.5 size-5 shrink-0" />
        <div className="min-w-0">
          <h2 id="what-if-verdict" className="text-base font-semibold">
            {VERDICT_TITLE[whatIf.verdict]}
          </h2>
          <p className="mt-0.5 text-sm opacity-90" data-testid="what-if-summary">
            {whatIf.summary}
          </p>
          {whatIf.missing.length > 0 && (
            <ul className="mt-2 space-y-0.5 text-sm">
              {whatIf.missing.map((m) => (
                <li key={m.groupId}>
                  {linkGroups ? (
                    <Link href={`/groups/${m.groupId}`} className="font-medium underline underline-offset-2">
                      {m.groupName}
                    </Link>
                  ) : (
                    <span className="font-medium">{m.groupName}</span>
                  )}
                  : {m.why}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

function Target({ ok, label }: { ok: boolean; label: string }) {
  return ok ? (
    <Badge tone="success" icon="checkCircle">
      {label} met
    </Badge>
  ) : (
    <Badge tone="danger" icon="error">
      {label} missed
    </Badge>
  );
}

/** Capacity of one group: down site, short vDC, or fits. */
export function CapacityBadge({ g }: { g: WhatIfGroupDto }) {
  if (g.recoverySiteDown) return <Badge tone="danger" icon="error">Site offline</Badge>;
  if (!g.recoverable) return <Badge tone="neutral">—</Badge>;
  return g.capacityOk ? <Badge tone="success" icon="checkCircle">Fits</Badge> : <Badge tone="danger" icon="error">Not enough</Badge>;
}

/** The verdict badges of one group. */
export function GroupVerdict({ g }: { g: WhatIfGroupDto }) {
  if (!g.recoverable || !g.capacityOk) {
    return (
      <Badge tone="danger" icon="error" title={g.blockers.join(' ') || undefined}>
        Cannot recover
      </Badge>
    );
  }
  return (
    <div className="flex flex-wrap gap-1">
      <Target ok={g.meetsRpoTarget} label="RPO" />
      <Target ok={g.meetsRtoTarget} label="RTO" />
    </div>
  );
}

/** "216 s plan + 10 s measured + 511 s earlier tiers": how the predicted RTO adds up. */
function rtoParts(g: WhatIfGroupDto): string {
  const parts = [`${formatDuration(g.plannedRtoSeconds)} plan`];
  if (g.overheadSeconds > 0) parts.push(`${formatDuration(g.overheadSeconds)} measured overhead`);
  if (g.degradedSeconds > 0) parts.push(`${formatDuration(g.degradedSeconds)} degraded site`);
  if (g.tierWaitSeconds > 0) parts.push(`${formatDuration(g.tierWaitSeconds)} earlier tiers`);
  return parts.join(' + ');
}

/** One row per affected group: data loss against RPO target, predicted RTO against RTO target, where, capacity, verdict. */
export function WhatIfGroupsTable({ groups, showTenant = false, showTier = false, linkGroups = true }: { groups: WhatIfGroupDto[]; showTenant?: boolean; showTier?: boolean; linkGroups?: boolean }) {
  return (
    <Table caption="Groups a failure of the site would affect">
      <THead>
        <tr>
          {showTenant && <Th>Tenant</Th>}
          <Th>Group</Th>
          {showTier && <Th numeric>Tier</Th>}
          <Th numeric>VMs</Th>
          <Th numeric>Data loss</Th>
          <Th numeric>Predicted RTO</Th>
          <Th>Recovers to</Th>
          <Th>Capacity</Th>
          <Th>Verdict</Th>
        </tr>
      </THead>
      <TBody>
        {groups.map((g) => (
          <Tr key={g.groupId} data-testid={`what-if-row-${g.groupId}`}>
            {showTenant && <Td className="text-xs">{g.tenantName}</Td>}
            <Td className="font-medium">
              {linkGroups ? (
                <Link href={`/groups/${g.groupId}`} className="hover:underline">
                  {g.groupName}
                </Link>
              ) : (
                g.groupName
              )}
              {g.type === 'failback' && <span className="ml-1.5 text-xs font-normal text-slate-500 dark:text-slate-400">(fails back home)</span>}
            </Td>
            {showTier && <Td numeric>{g.tier}</Td>}
            <Td numeric>{g.vmCount}</Td>
            <Td numeric>
              <span className={cn(!g.meetsRpoTarget && 'font-semibold text-red-700 dark:text-red-400')}>{formatDuration(g.dataLossSeconds)}</span>
              <div className="text-xs text-slate-500 dark:text-slate-400">target {formatDuration(g.rpoTargetSeconds)}</div>
            </Td>
            <Td numeric>
              <span className={cn(g.recoverable && g.capacityOk && !g.meetsRtoTarget && 'font-semibold text-red-700 dark:text-red-400')}>
                {g.recoverable ? formatDuration(g.predictedRtoSeconds) : '—'}
              </span>
              <div className="text-xs text-slate-500 dark:text-slate-400">target {formatMinutes(g.rtoTargetMinutes)}</div>
              {g.recoverable && (g.overheadSeconds > 0 || g.tierWaitSeconds > 0 || g.degradedSeconds > 0) && <div className="text-xs text-slate-500 dark:text-slate-400">{rtoParts(g)}</div>}
            </Td>
            <Td>
              {g.recoverySiteName}
              {g.recoverySiteDown && <div className="text-xs text-red-700 dark:text-red-400">offline</div>}
            </Td>
            <Td>
              <CapacityBadge g={g} />
            </Td>
            <Td>
              <GroupVerdict g={g} />
              {g.blockers.length > 0 && !g.recoverySiteDown && <div className="mt-1 max-w-xs text-xs text-slate-600 dark:text-slate-400">{g.blockers[0]}</div>}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/** One meter: what the failure would claim against what is free; red when it does not fit. */
export function ClaimMeter({ label, need, free, total, unit, of = 'free' }: { label: string; need: number; free: number; total: number; unit: string; of?: 'free' | 'physical' }) {
  const ok = need <= free + 1e-9;
  return (
    <div className="min-w-0">
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="text-slate-500 dark:text-slate-400">{label}</span>
        <span className={cn('tabular-nums', ok ? 'text-slate-700 dark:text-slate-300' : 'font-semibold text-red-700 dark:text-red-400')}>
          {of === 'free' ? 'needs' : 'claims'} {formatNumber(need, Number.isInteger(need) ? 0 : 1)} of {formatNumber(free, Number.isInteger(free) ? 0 : 1)} {unit}{of === 'free' ? ' free' : ''}
          {total !== free && <span className="font-normal text-slate-500 dark:text-slate-400"> ({formatNumber(total)} {unit} reserved)</span>}
        </span>
      </div>
      <Meter className="mt-1" share={free > 0 ? need / free : 1} tone={ok ? 'success' : 'danger'} />
    </div>
  );
}

/** Each recovery vDC: every affected group going there together, against what it has free. */
export function WhatIfCapacity({ capacity, showTenant = false }: { capacity: WhatIfDto['capacity']; showTenant?: boolean }) {
  if (!capacity.length) return <EmptyState title="No recovery capacity to claim" description="No group of the site could start a recovery now." />;
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800">
      {capacity.map((c) => (
        <li key={`${c.tenantId}:${c.vdcId ?? c.siteId}`} className="px-4 py-3" data-testid={`what-if-capacity-${c.vdcId ?? c.siteId}`}>
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <div className="min-w-0 text-sm">
              <span className="font-medium text-slate-900 dark:text-slate-100">{c.vdcName ?? 'No recovery vDC'}</span>
              <span className="text-slate-500 dark:text-slate-400"> at {c.siteName}{showTenant ? ` · ${c.tenantName}` : ''} · {c.groupIds.length === 1 ? '1 group' : `${c.groupIds.length} groups`}</span>
            </div>
            {c.ok ? <Badge tone="success" icon="checkCircle">Fits</Badge> : <Badge tone="danger" icon="error">Does not fit</Badge>}
          </div>
          {c.vdcId ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <ClaimMeter label="vCPU" need={c.requiredGhz} free={c.availableGhz} total={c.totalGhz} unit="GHz" />
              <ClaimMeter label="Memory" need={c.requiredMemoryGb} free={c.availableMemoryGb} total={c.totalMemoryGb} unit="GB" />
            </div>
          ) : null}
          {!c.ok && <p className="mt-2 text-xs text-red-700 dark:text-red-400">{c.message}</p>}
        </li>
      ))}
    </ul>
  );
}

/** How the numbers are made, in the words the page uses. */
export function WhatIfExplanation() {
  return (
    <Card>
      <CardHeader title="How the forecast is computed" description="Read-only arithmetic over the live state; nothing is started or reserved." />
      <CardBody className="text-sm text-slate-700 dark:text-slate-300">
        <ul className="list-disc space-y-1.5 pl-5">
          <li>
            <strong>Data loss</strong> is each group&apos;s current RPO: the writes after its latest checkpoint, which a live failover to that checkpoint would lose.
          </li>
          <li>
            <strong>Predicted RTO</strong> follows the steps a live failover runs with the site down (its VMs cannot be shut down, so that step is skipped):
            creating the VMs (5 s plus 3 s per VM), then each boot group of the group&apos;s recovery plan as long as its slowest VM takes to boot, with the
            plan&apos;s delays between boot groups. The RTO ends when the last boot group is up.
          </li>
          <li>
            Past test failovers and failovers of the group add their <strong>measured overhead</strong>: the median of how much longer than planned the last
            ten took (never less than zero).
          </li>
          <li>
            With a <strong>recovery plan</strong> chosen, a later tier starts once every VM of the tier before it is up, plus the tier&apos;s delay, and its
            groups&apos; RTO counts that wait. Groups that are not in the plan recover last.
          </li>
          <li>
            <strong>Capacity</strong> adds up every group recovering to the same recovery vDC and compares the sum with what the vDC has free now. A group whose
            recovery site is offline too cannot recover.
          </li>
        </ul>
      </CardBody>
    </Card>
  );
}
