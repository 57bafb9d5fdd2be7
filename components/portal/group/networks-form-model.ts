/**
 * The Networks card's editor, without React: form state from the saved settings, the body of
 * PUT /groups/{id}/networks, and the preview — the body parsed by the route's own zod schema and
 * the addresses computed by the same pure function the server checks with (lib/network/re-ip).
 * Conflicts with the tenant's other groups and VMs are checked only by the server, on save.
 */
import { computeAddresses, type NetworkIssue, type NicInput, type ResultingAddress } from '@/lib/network/re-ip';
import { networkSettingsSchema, type NetworkSettings } from '@/lib/schemas/network';
import type { GroupNetworksDto } from '@/lib/domain/groups/group-networks';
import { EMPTY_MAPPING, type MappingForm } from './settings-model';

export type Kind = 'testNetwork' | 'liveNetwork';
export const KINDS: readonly Kind[] = ['testNetwork', 'liveNetwork'];

export type NetworkEditForm = {
  mode: 'keep-ip' | 're-ip';
  network: string;
  mappings: MappingForm[];
  /** Recovery network per source network; '' = the default network above. */
  networkMap: Record<string, string>;
  /** Static address per NIC key ("vmId#nic"); '' = none. */
  overrides: Record<string, string>;
};
export type NetworksForm = Record<Kind, NetworkEditForm>;

export const nicKey = (vmId: string, nic: number) => `${vmId}#${nic}`;

/** Every NIC of the group, as the re-IP computation takes them. */
export function nicsOf(dto: Pick<GroupNetworksDto, 'vms'>): NicInput[] {
  return dto.vms.flatMap((vm) => vm.nics.map((n) => ({ vmId: vm.vmId, vmName: vm.name, nic: n.nic, network: n.network, ip: n.ip, mac: n.mac })));
}

/** The production networks the group's NICs sit on, plus any the saved map names (a VM may have left). */
export function sourceNetworks(dto: Pick<GroupNetworksDto, 'vms'>, form?: NetworksForm): string[] {
  const names = new Map<string, string>();
  for (const n of nicsOf(dto)) names.set(n.network.toLowerCase(), n.network);
  for (const k of KINDS) for (const s of Object.keys(form?.[k].networkMap ?? {})) if (!names.has(s.toLowerCase())) names.set(s.toLowerCase(), s);
  return [...names.values()].sort((a, b) => a.localeCompare(b));
}

function editForm(s: NetworkSettings): NetworkEditForm {
  return {
    mode: s.mode,
    network: s.network,
    mappings: s.mappings.map((m) => ({ ...m, dns: m.dns.join(', ') })),
    networkMap: Object.fromEntries((s.networkMap ?? []).map((m) => [m.sourceNetwork, m.targetNetwork])),
    overrides: Object.fromEntries((s.overrides ?? []).map((o) => [nicKey(o.vmId, o.nic), o.ip])),
  };
}

export function networksForm(dto: Pick<GroupNetworksDto, 'testNetwork' | 'liveNetwork'>): NetworksForm {
  return { testNetwork: editForm(dto.testNetwork), liveNetwork: editForm(dto.liveNetwork) };
}

/** Switching to re-IP starts with one empty mapping row to fill. */
export function withMode(f: NetworkEditForm, mode: NetworkEditForm['mode']): NetworkEditForm {
  return { ...f, mode, mappings: mode === 're-ip' && f.mappings.length === 0 ? [{ ...EMPTY_MAPPING }] : f.mappings };
}

/**
 * One network setting as the route takes it. Overrides are listed in NIC order (so an error's
 * index `overrides.N` leads back to its NIC through `overrideKeys`); keep-IP sends none.
 */
export function networkBody(f: NetworkEditForm): { body: unknown; overrideKeys: string[] } {
  const overrides = f.mode === 're-ip' ? Object.entries(f.overrides).filter(([, ip]) => ip.trim() !== '') : [];
  const networkMap = Object.entries(f.networkMap)
    .filter(([, t]) => t.trim() !== '')
    .map(([sourceNetwork, targetNetwork]) => ({ sourceNetwork, targetNetwork: targetNetwork.trim() }));
  return {
    overrideKeys: overrides.map(([k]) => k),
    body: {
      mode: f.mode,
      network: f.network,
      mappings: f.mode === 're-ip' ? f.mappings.map((m) => ({ ...m, dns: m.dns.split(/[\s,]+/).filter(Boolean) })) : [],
      ...(networkMap.length ? { networkMap } : {}),
      ...(overrides.length
        ? {
            overrides: overrides.map(([k, ip]) => {
              const at = k.lastIndexOf('#');
              return { vmId: k.slice(0, at), nic: Number(k.slice(at + 1)), ip: ip.trim() };
            }),
          }
        : {}),
    },
  };
}

export function networksBody(f: NetworksForm): { testNetwork: unknown; liveNetwork: unknown } {
  return { testNetwork: networkBody(f.testNetwork).body, liveNetwork: networkBody(f.liveNetwork).body };
}

export type Preview =
  | { ok: true; addresses: Map<string, ResultingAddress>; issues: NetworkIssue[] }
  /** The settings do not parse yet: the schema's messages by field (relative to the setting). */
  | { ok: false; errors: Record<string, string> };

/** What saving `f` would give each NIC, checked like the server checks it (but for other groups). */
export function preview(f: NetworkEditForm, nics: NicInput[]): Preview {
  const parsed = networkSettingsSchema.safeParse(networkBody(f).body);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[i.path.join('.')] ??= i.message;
    return { ok: false, errors };
  }
  const { addresses, issues } = computeAddresses(parsed.data, nics);
  return { ok: true, addresses: new Map(addresses.map((a) => [nicKey(a.vmId, a.nic), a])), issues };
}

/**
 * Errors by NIC key for one setting, from field paths relative to it ("overrides.2.ip",
 * "nics.vm_x.0"): what the NIC's row shows beside its override field.
 */
export function nicErrors(errors: Record<string, string>, f: NetworkEditForm): Record<string, string> {
  const keys = networkBody(f).overrideKeys;
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const o = /^overrides\.(\d+)(?:\.\w+)?$/.exec(field);
    if (o && keys[Number(o[1])]) out[keys[Number(o[1])]] ??= message;
    const n = /^nics\.(.+)\.(\d+)$/.exec(field);
    if (n) out[nicKey(n[1], Number(n[2]))] ??= message;
  }
  return out;
}

/** Errors of one setting from a server result (paths under `testNetwork.`), relative to it. */
export function errorsOf(errors: Record<string, string> | undefined, kind: Kind): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors ?? {})) if (k.startsWith(`${kind}.`)) out[k.slice(kind.length + 1)] = v;
  return out;
}
