import type { ReactNode } from 'react';
import type { GroupDetailDto, NetworkSettingsDto } from '@/lib/domain/core/dto';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { formatDuration, formatGb, formatMinutes } from '@/lib/format';
import { PRIORITY } from '../labels';

function Network({ title, n }: { title: string; n: NetworkSettingsDto }) {
  return (
    <div>
      <dt className="text-xs text-slate-500 dark:text-slate-400">{title}</dt>
      <dd className="text-sm">
        {n.mode === 'keep-ip' ? `Keep IP addresses on “${n.network}”` : `Re-IP on “${n.network}”`}
        {n.mode === 're-ip' && (
          <ul className="mt-1 space-y-0.5 text-xs text-slate-600 dark:text-slate-400">
            {n.mappings.map((m) => (
              <li key={m.sourceSubnet} className="font-mono">
                {m.sourceSubnet} → {m.targetSubnet} · gw {m.gateway}
                {m.dns.length ? ` · dns ${m.dns.join(', ')}` : ''}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </div>
  );
}

/** The settings, read-only: what users see, and administrators until they press Edit (`actions`). */
export function GroupSettingsView({ group, actions }: { group: GroupDetailDto; actions?: ReactNode }) {
  const rows: [string, string][] = [
    ['Priority', PRIORITY[group.priority].label],
    ['RPO alert target', formatDuration(group.rpoTargetSeconds)],
    ['RTO target', formatMinutes(group.rtoTargetMinutes)],
    ['Journal history', formatDuration(group.journalHistoryHours * 3600)],
    ['Journal hard limit', formatGb(group.journal.journalLimitGb)],
  ];
  return (
    <Card id="settings" data-testid="group-settings">
      <CardHeader title="Settings" description={actions ? 'Targets, journal and the networks used at failover' : 'Only client administrators change these'} actions={actions} />
      <CardBody>
        <dl className="grid gap-4 sm:grid-cols-3 lg:grid-cols-5">
          {rows.map(([k, v]) => (
            <div key={k}>
              <dt className="text-xs text-slate-500 dark:text-slate-400">{k}</dt>
              <dd className="text-sm font-medium">{v}</dd>
            </div>
          ))}
        </dl>
        <dl className="mt-4 grid gap-4 sm:grid-cols-2">
          <Network title="Test failover network" n={group.testNetwork} />
          <Network title="Live failover network" n={group.liveNetwork} />
        </dl>
      </CardBody>
    </Card>
  );
}
