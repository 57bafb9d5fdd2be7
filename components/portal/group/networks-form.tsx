'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { updateGroupNetworksAction } from '@/app/(portal)/groups/actions';
import type { ActionResult } from '@/components/portal/action-result';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { fieldAria, Input } from '@/components/ui/field';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import type { GroupNetworksDto } from '@/lib/domain/groups/group-networks';
import { addressText } from '@/lib/network/re-ip';
import { NetworkFields } from './network-fields';
import { errorsOf, KINDS, networksBody, networksForm, nicErrors, nicKey, nicsOf, preview, sourceNetworks, type Kind, type NetworkEditForm, type NetworksForm } from './networks-form-model';

const LEGEND: Record<Kind, { legend: string; hint: string; short: string }> = {
  testNetwork: { legend: 'Test failover network', hint: 'Test VMs boot here; an isolated network keeps them away from production.', short: 'test' },
  liveNetwork: { legend: 'Live failover network', hint: 'Recovered VMs take over here after a live failover or move.', short: 'live' },
};

/** One failover setting: addressing, recovery network per source network, static address per NIC, and the preview. */
function SettingEditor({ kind, dto, value, onChange, serverErrors }: { kind: Kind; dto: GroupNetworksDto; value: NetworkEditForm; onChange: (v: NetworkEditForm) => void; serverErrors: Record<string, string> }) {
  const nics = nicsOf(dto);
  const p = preview(value, nics);
  // The server's answer (with conflicts against other groups) wins over the preview's while it stands.
  const errors: Record<string, string> = { ...(p.ok ? Object.fromEntries(p.issues.map((i) => [i.field, i.message])) : p.errors), ...serverErrors };
  const byNic = nicErrors(errors, value);
  const asResult: ActionResult | null = Object.keys(errors).length ? { ok: false, message: '', errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${kind}.${k}`, v])) } : null;
  const { short } = LEGEND[kind];
  const mapError = errors.networkMap ?? Object.entries(errors).find(([k]) => k.startsWith('networkMap.'))?.[1] ?? null;

  return (
    <div className="space-y-3" data-testid={`${kind}-editor`}>
      <NetworkFields
        path={kind}
        legend={LEGEND[kind].legend}
        hint={LEGEND[kind].hint}
        value={{ mode: value.mode, network: value.network, mappings: value.mappings }}
        onChange={(v) => onChange({ ...value, mode: v.mode, network: v.network, mappings: v.mappings })}
        result={asResult}
        nicErrorsElsewhere
      />
      <fieldset className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-800">
        <legend className="px-1 text-sm font-semibold">Recovery network per source network ({short})</legend>
        <p className="text-xs text-slate-500 dark:text-slate-400">Leave blank to use “{value.network || 'the network above'}”.</p>
        <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {sourceNetworks(dto).map((s) => {
            const id = `${kind}-map-${s}`;
            return (
              <label key={s} htmlFor={id} className="flex items-center gap-2 text-sm">
                <span className="w-32 shrink-0 truncate font-mono text-xs" title={s}>
                  {s} →
                </span>
                <Input id={id} value={value.networkMap[s] ?? ''} placeholder={value.network} aria-label={`Recovery network for source network ${s} (${short} failover)`} onChange={(e) => onChange({ ...value, networkMap: { ...value.networkMap, [s]: e.target.value } })} {...fieldAria(id, mapError)} />
              </label>
            );
          })}
        </div>
        {mapError && <p className="text-xs font-medium text-red-700 dark:text-red-400">{mapError}</p>}
      </fieldset>
      <Table caption={`Static overrides and resulting ${short} addresses`}>
        <THead>
          <tr>
            <Th>VM · NIC</Th>
            <Th>Production</Th>
            <Th>Static address (re-IP only)</Th>
            <Th>Resulting address (preview)</Th>
          </tr>
        </THead>
        <TBody>
          {nics.map((n) => {
            const key = nicKey(n.vmId, n.nic);
            const id = `${kind}-override-${n.vmId}-${n.nic}`;
            const e = byNic[key] ?? null;
            const a = p.ok ? p.addresses.get(key) : undefined;
            return (
              <Tr key={key} data-testid={`${kind}-nic-${n.vmId}-${n.nic}`}>
                <Td className="font-medium">
                  {n.vmName} <span className="text-slate-500 dark:text-slate-400">NIC {n.nic}</span>
                </Td>
                <Td>
                  <span className="font-mono text-xs">{n.ip}</span>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">on “{n.network}”</span>
                </Td>
                <Td>
                  <Input
                    id={id}
                    className="w-40 font-mono"
                    value={value.overrides[key] ?? ''}
                    disabled={value.mode !== 're-ip'}
                    placeholder={value.mode === 're-ip' ? 'none' : 'keep IP'}
                    aria-label={`Static ${short} address for ${n.vmName} NIC ${n.nic}`}
                    onChange={(ev) => onChange({ ...value, overrides: { ...value.overrides, [key]: ev.target.value } })}
                    {...fieldAria(id, e)}
                  />
                  {e && (
                    <p id={`${id}-error`} className="mt-1 max-w-xs text-xs font-medium text-red-700 dark:text-red-400">
                      {e}
                    </p>
                  )}
                </Td>
                <Td data-testid={`${kind}-preview-${n.vmId}-${n.nic}`}>
                  {a ? (
                    <span className="flex flex-col gap-0.5">
                      <span className="font-mono text-xs">
                        {addressText(a)} <Badge tone={a.rule === 'keep-ip' || a.rule === 'unmapped' ? 'neutral' : 'info'}>{a.rule === 'override' ? 'static' : a.rule === 'subnet-map' ? 're-IP' : 'kept'}</Badge>
                      </span>
                      <span className="text-xs text-slate-500 dark:text-slate-400">
                        on “{a.network}”{a.gateway && ` · gw ${a.gateway}`}
                        {a.dns.length > 0 && ` · DNS ${a.dns.join(', ')}`}
                      </span>
                    </span>
                  ) : (
                    <span className="text-xs text-slate-500 dark:text-slate-400">{p.ok ? 'no address (see the error)' : 'fix the highlighted fields to preview'}</span>
                  )}
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
    </div>
  );
}

/**
 * The administrator's editor of both failover network settings. The preview runs the route's zod
 * schema and the server's address computation in the browser as the person types; saving checks
 * again on the server, adding conflicts with the tenant's other groups and running VMs.
 */
export function NetworksForm({ dto, groupId, version, onClose }: { dto: GroupNetworksDto; groupId: string; version: number; onClose: () => void }) {
  const [form, setForm] = useState<NetworksForm>(() => networksForm(dto));
  // The version the form was filled from: a save after someone else's change is refused (412), not merged.
  const [baseVersion] = useState(version);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();
  const box = useRef<HTMLFormElement>(null);
  useEffect(() => box.current?.querySelector<HTMLElement>('input')?.focus(), []);
  const set = (kind: Kind, v: NetworkEditForm) => {
    setForm((f) => ({ ...f, [kind]: v }));
    setResult(null);
  };

  function save(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const r = await updateGroupNetworksAction(groupId, networksBody(form), baseVersion);
      setResult(r);
      if (r.ok) {
        toast({ tone: 'success', title: r.message ?? 'Network settings saved' });
        await queryClient.invalidateQueries({ queryKey: ['group-networks', groupId] });
        await queryClient.invalidateQueries({ queryKey: ['groups'] });
        router.refresh();
        onClose();
      } else if (!r.errors) {
        toast({ tone: 'danger', title: 'Network settings not saved', description: r.message });
      }
    });
  }

  return (
    <form ref={box} onSubmit={save} noValidate className="space-y-6 p-4" data-testid="networks-form">
      {KINDS.map((kind) => (
        <SettingEditor key={kind} kind={kind} dto={dto} value={form[kind]} onChange={(v) => set(kind, v)} serverErrors={result && !result.ok ? errorsOf(result.errors, kind) : {}} />
      ))}
      <p className="text-xs text-slate-500 dark:text-slate-400">The preview checks subnets, overrides and duplicates inside this group; saving also checks the addresses against your other groups and the VMs running at the recovery site.</p>
      {result && !result.ok && (
        <p className="text-sm font-medium text-red-700 dark:text-red-400" role="status">
          {result.message}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" pending={pending}>
          Save networks
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Discard changes
        </Button>
      </div>
    </form>
  );
}
