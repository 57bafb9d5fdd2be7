import type { GroupDetailDto, NetworkSettingsDto } from '@/lib/domain/core/dto';
import type { UpdateGroupInput } from '@/lib/schemas/groups';

/** Form state keeps what the person typed (text), the schema parses it on the server. */
export type MappingForm = { sourceSubnet: string; targetSubnet: string; gateway: string; dns: string };
/** networkMap and overrides are not edited here (API: PUT /groups/{id}/networks); they are sent back unchanged. */
export type NetworkForm = { mode: 'keep-ip' | 're-ip'; network: string; mappings: MappingForm[]; networkMap?: NetworkSettingsDto['networkMap']; overrides?: NetworkSettingsDto['overrides'] };
export type SettingsForm = {
  name: string;
  description: string;
  priority: GroupDetailDto['priority'];
  rpoTargetSeconds: string;
  rtoTargetMinutes: string;
  journalHistoryHours: string;
  journalLimitGb: string;
  testNetwork: NetworkForm;
  liveNetwork: NetworkForm;
};

export const EMPTY_MAPPING: MappingForm = { sourceSubnet: '', targetSubnet: '', gateway: '', dns: '' };

function networkForm(n: NetworkSettingsDto): NetworkForm {
  return { mode: n.mode, network: n.network, mappings: n.mappings.map((m) => ({ ...m, dns: m.dns.join(', ') })), networkMap: n.networkMap, overrides: n.overrides };
}

export function settingsForm(g: GroupDetailDto): SettingsForm {
  return {
    name: g.name,
    description: g.description ?? '',
    priority: g.priority,
    rpoTargetSeconds: String(g.rpoTargetSeconds),
    rtoTargetMinutes: String(g.rtoTargetMinutes),
    journalHistoryHours: String(g.journalHistoryHours),
    journalLimitGb: String(g.journal.journalLimitGb),
    testNetwork: networkForm(g.testNetwork),
    liveNetwork: networkForm(g.liveNetwork),
  };
}

function networkBody(n: NetworkForm) {
  return {
    mode: n.mode,
    network: n.network,
    mappings: n.mode === 're-ip' ? n.mappings.map((m) => ({ ...m, dns: m.dns.split(/[\s,]+/).filter(Boolean) })) : [],
    ...(n.networkMap?.length ? { networkMap: n.networkMap } : {}),
    // Static overrides exist only with re-IP: switching to keep IP drops them.
    ...(n.mode === 're-ip' && n.overrides?.length ? { overrides: n.overrides } : {}),
  };
}

/** The PATCH body: numbers stay text, which the shared schema reads (and explains when it is not a number). */
export function settingsBody(f: SettingsForm): UpdateGroupInput {
  return {
    name: f.name,
    description: f.description.trim() ? f.description : null,
    priority: f.priority,
    rpoTargetSeconds: f.rpoTargetSeconds,
    rtoTargetMinutes: f.rtoTargetMinutes,
    journalHistoryHours: f.journalHistoryHours,
    journalLimitGb: f.journalLimitGb,
    testNetwork: networkBody(f.testNetwork),
    liveNetwork: networkBody(f.liveNetwork),
  };
}
