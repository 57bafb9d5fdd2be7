/**
 * Storage a protection group takes at its recovery site, and whether the site has room for it.
 * Pure arithmetic, shared by group create/update (refusal), the group page and the Resources page.
 *
 * A group holds a full replica of its members' disks at the recovery site plus its journal. The
 * journal is counted as the space its history needs at the members' mean write rate, capped by
 * the group's journal limit (what the journal can never exceed): a longer history, a larger
 * limit or more VMs all grow it.
 */
export type GroupStorageInput = {
  /** Sizes of every disk of every member, GB. */
  diskGb: number[];
  /** Mean write rate of every member, MB/s. */
  writeMeanMBps: number[];
  journalHistoryHours: number;
  journalLimitGb: number;
};

export type GroupStorage = { replicaGb: number; journalGb: number; totalGb: number };

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Journal space for `hours` of history at `mbps` MB/s, capped by the limit. */
export function journalGbFor(writeMBps: number, hours: number, limitGb: number): number {
  return Math.min(limitGb, (writeMBps * hours * 3600) / 1024);
}

export function groupStorage(g: GroupStorageInput): GroupStorage {
  const replicaGb = g.diskGb.reduce((a, b) => a + b, 0);
  const journalGb = journalGbFor(g.writeMeanMBps.reduce((a, b) => a + b, 0), g.journalHistoryHours, g.journalLimitGb);
  return { replicaGb: round1(replicaGb), journalGb: round1(journalGb), totalGb: round1(replicaGb + journalGb) };
}

/** One place storage is counted against: the recovery vDC or the dedicated volume at the site. */
export type StoragePool = {
  kind: 'vdc' | 'volume';
  id: string;
  name: string;
  capacityGb: number;
  /** What is counted there now, without the group being checked. */
  usedGb: number;
};

export type StorageCheck = {
  kind: 'vdc' | 'volume';
  id: string;
  name: string;
  neededGb: number;
  usedGb: number;
  availableGb: number;
  capacityGb: number;
  ok: boolean;
  message: string;
};

const gb = (n: number) => `${round1(n).toLocaleString('en-GB')} GB`;

/** Does `neededGb` (the group's whole replica + journal) fit next to what each pool already holds? */
export function checkStorage(groupName: string, neededGb: number, pools: StoragePool[]): StorageCheck[] {
  return pools.map((p) => {
    const availableGb = round1(Math.max(0, p.capacityGb - p.usedGb));
    const ok = neededGb <= availableGb + 1e-9;
    const what = p.kind === 'vdc' ? `recovery vDC ${p.name}` : `storage volume ${p.name}`;
    return {
      kind: p.kind, id: p.id, name: p.name, neededGb: round1(neededGb), usedGb: round1(p.usedGb), availableGb, capacityGb: round1(p.capacityGb), ok,
      message: `${groupName} needs ${gb(neededGb)} (replica and journal) on the ${what}: ${gb(p.usedGb)} of ${gb(p.capacityGb)} used by others, ${gb(availableGb)} available.`,
    };
  });
}
