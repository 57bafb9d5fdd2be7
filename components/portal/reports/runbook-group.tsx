import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { PRIORITY, plural } from '@/components/portal/labels';
import type { NetworkSettingsDto } from '@/lib/domain/core/dto';
import type { RunbookGroup } from '@/lib/domain/reports/runbook';
import { addressText } from '@/lib/network/re-ip';
import { formatDate, formatDuration, formatMinutes } from '@/lib/format';

/** One protection group's page of the runbook: targets, boot order and both network settings. */
export function RunbookGroupSection({ group, step }: { group: RunbookGroup; step: number }) {
  const vmName = new Map(group.members.map((m) => [m.vmId, m.name]));
  const planned = new Set(group.recoveryPlan.bootGroups.flatMap((b) => b.vmIds));
  const unplanned = group.members.filter((m) => !planned.has(m.vmId));
  return (
    <Card as="section" aria-labelledby={`rb-${group.id}`}>
      <CardHeader
        title={
          <span id={`rb-${group.id}`}>
            {step}. {group.name}
          </span>
        }
        description={`${group.sourceSiteName} → ${group.targetSiteName} · ${plural(group.members.length, 'VM')}${group.description ? ` · ${group.description}` : ''}`}
        actions={<Badge tone={PRIORITY[group.priority].tone}>{PRIORITY[group.priority].label} priority</Badge>}
      />
      <dl className="grid gap-3 border-b border-slate-100 px-4 py-3 text-sm sm:grid-cols-4 dark:border-slate-800">
        <Fact label="RPO target" value={formatDuration(group.rpoTargetSeconds)} />
        <Fact label="RTO target" value={formatMinutes(group.rtoTargetMinutes)} />
        <Fact label="Journal history" value={formatDuration(group.journalHistoryHours * 3600)} />
        <Fact label="Last passed test failover" value={`${group.lastTestedAt ? formatDate(group.lastTestedAt) : 'Never'}${group.lastTestResult === 'failed' ? ` (a later test failed${group.lastTestEndedAt ? ` ${formatDate(group.lastTestEndedAt)}` : ''})` : ''}`} />
      </dl>
      <Table caption={`Boot order of ${group.name}`}>
        <THead>
          <Tr>
            <Th>Step</Th>
            <Th>Boot group</Th>
            <Th>Virtual machines</Th>
            <Th numeric>Then wait</Th>
          </Tr>
        </THead>
        <TBody>
          {group.recoveryPlan.bootGroups.map((b, i) => (
            <Tr key={b.id}>
              <Td>{i + 1}</Td>
              <Td className="font-medium">{b.name}</Td>
              <Td>{b.vmIds.map((id) => vmName.get(id) ?? id).join(', ') || '—'}</Td>
              <Td numeric>{b.delayAfterSeconds ? formatDuration(b.delayAfterSeconds) : '—'}</Td>
            </Tr>
          ))}
          {unplanned.length > 0 && (
            <Tr>
              <Td>{group.recoveryPlan.bootGroups.length + 1}</Td>
              <Td className="font-medium">Not in a boot group (boots last)</Td>
              <Td>{unplanned.map((m) => m.name).join(', ')}</Td>
              <Td numeric>—</Td>
            </Tr>
          )}
        </TBody>
      </Table>
      <div className="grid gap-4 px-4 py-3 text-sm sm:grid-cols-2">
        <Network title="Test failover network" settings={group.testNetwork} />
        <Network title="Live failover network" settings={group.liveNetwork} />
      </div>
      {group.addresses.length > 0 && (
        <Table caption={`Recovery addresses of ${group.name}`}>
          <THead>
            <Tr>
              <Th>Virtual machine</Th>
              <Th>NIC</Th>
              <Th>Production</Th>
              <Th>Test failover</Th>
              <Th>Live failover</Th>
            </Tr>
          </THead>
          <TBody>
            {group.addresses.flatMap((vm) =>
              vm.nics.map((n) => (
                <Tr key={`${vm.vmId}-${n.nic}`}>
                  <Td className="font-medium">{vm.name}</Td>
                  <Td>{n.nic}</Td>
                  <Td className="font-mono text-xs">{n.ip} on {n.network}</Td>
                  <Td className="font-mono text-xs">{n.test ? `${addressText(n.test)} on ${n.test.network}` : '—'}</Td>
                  <Td className="font-mono text-xs">{n.live ? `${addressText(n.live)} on ${n.live.network}${n.live.gateway ? ` gw ${n.live.gateway}` : ''}` : '—'}</Td>
                </Tr>
              )),
            )}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="font-medium">{value}</dd>
    </div>
  );
}

function Network({ title, settings }: { title: string; settings: NetworkSettingsDto }) {
  return (
    <div>
      <h4 className="font-medium">{title}</h4>
      <p className="text-slate-600 dark:text-slate-400">
        Network <span className="font-mono">{settings.network}</span> ·{' '}
        {settings.mode === 'keep-ip' ? 'VMs keep their IP addresses' : 'VMs are re-addressed:'}
      </p>
      {settings.mode === 're-ip' && (
        <ul className="mt-1 space-y-0.5 font-mono text-xs">
          {settings.mappings.map((m) => (
            <li key={m.sourceSubnet}>
              {m.sourceSubnet} → {m.targetSubnet} (gateway {m.gateway}
              {m.dns.length ? `, DNS ${m.dns.join(', ')}` : ''})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
