import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { GROUP_STATUS } from '@/components/ui/status';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { Tone } from '@/components/ui/tone';
import type { GroupStatus } from '@/lib/schemas/groups';
import { formatDuration } from '@/lib/format';
import type { Health, TenantHealthDto } from '@/lib/domain/staff/overview';
import { TenantStatusBadge } from './tenant-badges';

const HEALTH: Record<Health, { label: string; tone: Tone; icon: 'checkCircle' | 'warning' | 'error' }> = {
  healthy: { label: 'Healthy', tone: 'success', icon: 'checkCircle' },
  warning: { label: 'Attention', tone: 'warning', icon: 'warning' },
  critical: { label: 'Critical', tone: 'danger', icon: 'error' },
};

/** Over its target is a breach; within 80 % of it is the warning band. */
function rpoTone(ratio: number): Tone {
  if (ratio > 1) return 'danger';
  if (ratio > 0.8) return 'warning';
  return 'success';
}

/** Every tenant's protection at a glance; worst first so trouble is at the top. */
export function TenantHealthTable({ tenants }: { tenants: TenantHealthDto[] }) {
  const order: Record<Health, number> = { critical: 0, warning: 1, healthy: 2 };
  const sorted = [...tenants].sort((a, b) => order[a.health] - order[b.health] || a.name.localeCompare(b.name));
  return (
    <Table caption="Tenant protection health" data-testid="tenant-health">
      <THead>
        <tr>
          <Th>Tenant</Th>
          <Th>Health</Th>
          <Th>Groups by status</Th>
          <Th>Worst RPO vs target</Th>
          <Th numeric>Open alerts</Th>
          <Th numeric>Overdue tests</Th>
        </tr>
      </THead>
      <TBody>
        {sorted.map((t) => {
          const h = HEALTH[t.health];
          return (
            <Tr key={t.id}>
              <Td>
                <Link href={`/staff/tenants/${t.id}`} className="font-medium text-slate-900 hover:underline dark:text-slate-100">
                  {t.name}
                </Link>
                {t.status === 'suspended' && (
                  <span className="ml-2">
                    <TenantStatusBadge status={t.status} />
                  </span>
                )}
              </Td>
              <Td>
                <Badge tone={h.tone} icon={h.icon}>
                  {h.label}
                </Badge>
              </Td>
              <Td>
                <div className="flex flex-wrap gap-1">
                  {t.groupCount === 0 && <span className="text-xs text-slate-500">No groups</span>}
                  {(Object.entries(t.byStatus) as [GroupStatus, number][]).map(([status, n]) => (
                    <Badge key={status} tone={GROUP_STATUS[status].tone} icon={GROUP_STATUS[status].icon}>
                      {n} {GROUP_STATUS[status].label}
                    </Badge>
                  ))}
                </div>
              </Td>
              <Td>
                {t.worstRpo ? (
                  <span className="flex flex-col">
                    <Badge tone={rpoTone(t.worstRpo.ratio)} className="self-start">
                      RPO {formatDuration(t.worstRpo.rpoSeconds)} / {formatDuration(t.worstRpo.rpoTargetSeconds)}
                    </Badge>
                    <span className="mt-0.5 text-xs text-slate-500">{t.worstRpo.groupName}</span>
                  </span>
                ) : (
                  <span className="text-xs text-slate-500">Not measured yet</span>
                )}
              </Td>
              <Td numeric>
                {t.openAlerts.error + t.openAlerts.warning === 0 ? (
                  <span className="text-slate-500">0</span>
                ) : (
                  <span className="inline-flex gap-1">
                    {t.openAlerts.error > 0 && <Badge tone="danger" icon="error">{t.openAlerts.error}</Badge>}
                    {t.openAlerts.warning > 0 && <Badge tone="warning" icon="warning">{t.openAlerts.warning}</Badge>}
                  </span>
                )}
              </Td>
              <Td numeric>
                {t.overdueTests > 0 ? (
                  <Badge tone="warning" icon="flask" title="Never tested, or last tested over a year ago">
                    {t.overdueTests} of {t.groupCount}
                  </Badge>
                ) : (
                  <span className="text-slate-500">0</span>
                )}
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
