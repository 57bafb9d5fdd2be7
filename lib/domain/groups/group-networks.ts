/**
 * A group's NICs and the addresses its test and live failovers give them: read (anyone of the
 * tenant), changed (client administrators and staff, through the group's settings), and
 * checked at configuration time — out-of-subnet overrides, addresses a target subnet cannot
 * hold, and duplicates inside the group or against the tenant's other VMs at the recovery site
 * are refused (400) naming the NIC.
 */
import 'server-only';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '@/db';
import { groupMembers, protectionGroups, vmNics, vms } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { cachedConfigRead } from '@/lib/domain/core/read-cache';
import type { FieldError } from '@/lib/core/errors';
import { computeAddresses, conflictsWith, type NicInput, type ResultingAddress, type TakenAddress } from '@/lib/network/re-ip';
import type { NetworkSettings } from '@/lib/schemas/network';
import { groupInScope } from './group-in-scope';

export type FailoverKind = 'test' | 'live';
const SETTING: Record<FailoverKind, 'testNetwork' | 'liveNetwork'> = { test: 'testNetwork', live: 'liveNetwork' };

/** A NIC's address after a failover (what the group page and the runbook show). */
export type NicAddressDto = Pick<ResultingAddress, 'network' | 'ip' | 'prefix' | 'gateway' | 'dns' | 'rule'>;

export type GroupNetworksDto = {
  groupId: string;
  groupName: string;
  targetSiteId: string;
  testNetwork: NetworkSettings;
  liveNetwork: NetworkSettings;
  vms: { vmId: string; name: string; nics: { nic: number; network: string; ip: string; mac: string; test: NicAddressDto | null; live: NicAddressDto | null }[] }[];
  /** What the saved settings would refuse now (e.g. a VM added elsewhere took an address); empty normally. */
  issues: (FieldError & { vmId?: string; nic?: number })[];
};

/** NICs of the given VMs, numbered per VM from 0 in their id order (the seed's `_nic0`, `_nic1`...). */
export function nicsOfVms(db: Executor, vmIds: string[]): NicInput[] {
  if (!vmIds.length) return [];
  const rows = db
    .select({ vmId: vms.id, vmName: vms.name, id: vmNics.id, network: vmNics.network, ip: vmNics.ipAddress, mac: vmNics.macAddress })
    .from(vmNics)
    .innerJoin(vms, eq(vms.id, vmNics.vmId))
    .where(inArray(vmNics.vmId, vmIds))
    .orderBy(asc(vms.name), asc(vmNics.vmId), asc(vmNics.id))
    .all();
  const count = new Map<string, number>();
  return rows.map((r) => {
    const nic = count.get(r.vmId) ?? 0;
    count.set(r.vmId, nic + 1);
    return { vmId: r.vmId, vmName: r.vmName, nic, network: r.network, ip: r.ip, mac: r.mac };
  });
}

function memberIds(db: Executor, groupId: string): string[] {
  return db.select({ vmId: groupMembers.vmId }).from(groupMembers).where(eq(groupMembers.groupId, groupId)).all().map((m) => m.vmId);
}

/** The group's NICs (in VM-name order) and their addresses under `settings`. */
export function groupAddresses(db: Executor, groupId: string, settings: NetworkSettings, vmIds = memberIds(db, groupId)) {
  const nics = nicsOfVms(db, vmIds);
  return { nics, ...computeAddresses(settings, nics) };
}

/**
 * Addresses the tenant already uses at `siteId` outside group `groupId`: the `kind` addresses of
 * its other groups recovering there, and the NICs of its VMs running there now.
 */
export function takenAddresses(db: Executor, group: { id: string; tenantId: string; targetSiteId: string }, kind: FailoverKind, ownVmIds: string[]): TakenAddress[] {
  const taken: TakenAddress[] = [];
  const others = db
    .select({ id: protectionGroups.id, name: protectionGroups.name, testNetwork: protectionGroups.testNetwork, liveNetwork: protectionGroups.liveNetwork })
    .from(protectionGroups)
    .where(and(eq(protectionGroups.tenantId, group.tenantId), eq(protectionGroups.targetSiteId, group.targetSiteId), ne(protectionGroups.id, group.id)))
    .all();
  // Three queries whatever the number of groups: the groups, their members, every member's NICs
  // (in nicsOfVms' order, which computeAddresses numbers by).
  const own = new Set(ownVmIds);
  const members = others.length
    ? db.select({ groupId: groupMembers.groupId, vmId: groupMembers.vmId }).from(groupMembers).where(inArray(groupMembers.groupId, others.map((o) => o.id))).all()
    : [];
  const groupsOfVm = new Map<string, string[]>();
  const push = <T,>(map: Map<string, T[]>, key: string, value: T) => (map.get(key) ?? map.set(key, []).get(key)!).push(value);
  for (const m of members) if (!own.has(m.vmId)) push(groupsOfVm, m.vmId, m.groupId);
  const nicsOfGroup = new Map<string, NicInput[]>();
  for (const nic of nicsOfVms(db, [...groupsOfVm.keys()])) {
    for (const groupId of groupsOfVm.get(nic.vmId) ?? []) push(nicsOfGroup, groupId, nic);
  }
  for (const o of others) {
    for (const a of computeAddresses(kind === 'test' ? o.testNetwork : o.liveNetwork, nicsOfGroup.get(o.id) ?? []).addresses) {
      taken.push({ network: a.network, ip: a.ip, holder: `${a.vmName} NIC ${a.nic} (${kind} address in group "${o.name}")` });
    }
  }
  const here = db.select({ id: vms.id }).from(vms).where(and(eq(vms.tenantId, group.tenantId), eq(vms.siteId, group.targetSiteId))).all().map((v) => v.id).filter((v) => !ownVmIds.includes(v));
  for (const n of nicsOfVms(db, here)) taken.push({ network: n.network, ip: n.ip, holder: `${n.vmName} NIC ${n.nic} (running at the recovery site)` });
  return taken;
}

/** Every problem of one network setting for the group's VMs, fields under `testNetwork.`/`liveNetwork.`. */
export function networkIssues(
  db: Executor,
  group: { id: string; tenantId: string; targetSiteId: string },
  kind: FailoverKind,
  settings: NetworkSettings,
  vmIds = memberIds(db, group.id),
): (FieldError & { vmId?: string; nic?: number })[] {
  const { addresses, issues } = groupAddresses(db, group.id, settings, vmIds);
  const all = [...issues, ...conflictsWith(settings, addresses, takenAddresses(db, group, kind, vmIds))];
  return all.map((i) => ({ ...i, field: `${SETTING[kind]}.${i.field}` }));
}

const nicAddress = (a: ResultingAddress | undefined): NicAddressDto | null =>
  a ? { network: a.network, ip: a.ip, prefix: a.prefix, gateway: a.gateway, dns: a.dns, rule: a.rule } : null;

/** `conflicts: false` skips the checks against the tenant's other groups (the runbook reads every group's addresses only). */
export function readGroupNetworksIn(db: Executor, scope: string | null, id: string, { conflicts = true } = {}): GroupNetworksDto {
  const group = groupInScope(scope, id, (where) =>
    db
      .select({ id: protectionGroups.id, tenantId: protectionGroups.tenantId, name: protectionGroups.name, targetSiteId: protectionGroups.targetSiteId, testNetwork: protectionGroups.testNetwork, liveNetwork: protectionGroups.liveNetwork })
      .from(protectionGroups)
      .where(where)
      .get(),
  );
  const ids = memberIds(db, id);
  const test = groupAddresses(db, id, group.testNetwork, ids);
  const live = groupAddresses(db, id, group.liveNetwork, ids);
  const key = (a: { vmId: string; nic: number }) => `${a.vmId}#${a.nic}`;
  const testOf = new Map(test.addresses.map((a) => [key(a), a]));
  const liveOf = new Map(live.addresses.map((a) => [key(a), a]));
  const byVm = new Map<string, GroupNetworksDto['vms'][number]>();
  for (const n of test.nics) {
    const vm = byVm.get(n.vmId) ?? { vmId: n.vmId, name: n.vmName, nics: [] };
    vm.nics.push({ nic: n.nic, network: n.network, ip: n.ip, mac: n.mac, test: nicAddress(testOf.get(key(n))), live: nicAddress(liveOf.get(key(n))) });
    byVm.set(n.vmId, vm);
  }
  return {
    groupId: group.id, groupName: group.name, targetSiteId: group.targetSiteId, testNetwork: group.testNetwork, liveNetwork: group.liveNetwork,
    vms: [...byVm.values()],
    issues: conflicts
      ? [...networkIssues(db, group, 'test', group.testNetwork, ids), ...networkIssues(db, group, 'live', group.liveNetwork, ids)]
      : [...test.issues.map((i) => ({ ...i, field: `testNetwork.${i.field}` })), ...live.issues.map((i) => ({ ...i, field: `liveNetwork.${i.field}` }))],
  };
}

/** GET /groups/{id}/networks: every member NIC with its test and live address. Any role of the tenant. */
export async function readGroupNetworks(db: Executor, actor: Actor, id: string): Promise<GroupNetworksDto> {
  authorize(db, actor, 'tenant:read', { type: 'protection-group', id });
  const scope = tenantScope(actor);
  // The group page renders it and the networks card reads it: every other group's addresses at
  // the recovery site, configuration only, so one read until the configuration changes (the
  // simulator's writes every tick leave it be).
  return cachedConfigRead(db, `group-networks:${scope ?? '*'}:${id}`, () => readGroupNetworksIn(db, scope, id));
}
