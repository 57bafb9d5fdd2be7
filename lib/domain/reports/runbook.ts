import 'server-only';
import { readGroupNetworksIn, type GroupNetworksDto } from '@/lib/domain/groups/group-networks';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '@/db';
import { protectionGroups, sites, tenants, users } from '@/db/schema';
import { CONNECTION_OPTIONS } from '@/lib/schemas/tenants';
import type { Actor } from '@/lib/core/actor';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import type { GroupDetailDto } from '@/lib/domain/core/dto';
import { NotFoundError, ValidationError } from '@/lib/core/errors';
import { readGroupDetail } from '@/lib/domain/groups/group-detail';

/** R = responsible (does it), A = accountable (owns the outcome), C = consulted, I = informed. */
export type RaciLetter = 'R' | 'A' | 'C' | 'I' | 'R/A';
export type RaciRow = { activity: string; client: RaciLetter; provider: RaciLetter; how: string };

/**
 * The responsibilities of the service description. The portal is where each one is carried
 * out, so every row says where. Staff perform a failover only on the client's decision.
 */
export const RACI: RaciRow[] = [
  { activity: 'Choose the VMs to protect, their groups, RPO and RTO targets', client: 'R/A', provider: 'C', how: 'Protection groups → Create / Settings' },
  { activity: 'Configure replication, sites, vDCs, bandwidth and storage', client: 'C', provider: 'R/A', how: 'Provider console; changes by service request' },
  { activity: 'Monitor replication status and RPO, raise alerts', client: 'I', provider: 'R/A', how: 'Provider monitoring; the client sees it on the Dashboard and in Alerts' },
  { activity: 'Keep this runbook current', client: 'A', provider: 'R', how: 'Generated from the live configuration' },
  { activity: 'Test failover at least once a year and record the result', client: 'R/A', provider: 'C', how: 'Group → Test failover; Reports → DR test evidence' },
  { activity: 'Declare a disaster and decide to fail over', client: 'R/A', provider: 'I', how: 'By the client\u2019s authorised contacts below' },
  { activity: 'Perform the failover, commit or roll back', client: 'C', provider: 'R/A', how: 'Calligo, on the client\u2019s decision (staff acting for the client); a client administrator may start it from Group → Live failover' },
  { activity: 'Verify applications at the recovery site', client: 'R/A', provider: 'C', how: 'After boot, before commit' },
  { activity: 'Fail back to production', client: 'C', provider: 'R/A', how: 'Calligo, once reverse replication is synced and the client agrees (Group → Failback)' },
  { activity: 'Grow or shrink reserved resources', client: 'R', provider: 'A', how: 'Service requests' },
  { activity: 'Availability and service credits', client: 'I', provider: 'R/A', how: 'Reports → Availability and service credit' },
];

/** `addresses`: each member NIC with its test and live address under the saved network settings. */
export type RunbookGroup = GroupDetailDto & { sourceSiteName: string; targetSiteName: string; addresses: GroupNetworksDto['vms'] };

export type RunbookDto = {
  tenant: {
    id: string;
    name: string;
    connection: (typeof CONNECTION_OPTIONS)[number];
    interSiteBandwidthMbps: number;
    contact: { name: string | null; email: string | null; phone: string | null };
  };
  /** Who may decide and run a failover: the tenant's active client administrators. */
  administrators: { name: string; email: string }[];
  raci: RaciRow[];
  /** Highest priority first: the order to recover in when everything fails at once. */
  groups: RunbookGroup[];
};

const PRIORITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

/** The tenant's DR runbook: the RACI matrix and its live configuration, for printing. */
export function getRunbook(db: Executor, actor: Actor, query: { tenantId?: string } = {}): RunbookDto {
  authorize(db, actor, 'tenant:read', { type: 'runbook' });
  const tenantId = tenantScope(actor, query.tenantId);
  if (!tenantId) throw new ValidationError([{ field: 'tenantId', message: 'Choose the tenant whose runbook to produce.' }]);
  const tenant = db.select().from(tenants).where(eq(tenants.id, tenantId)).get();
  if (!tenant) throw new NotFoundError('tenant', tenantId);

  const siteNames = new Map(db.select({ id: sites.id, name: sites.name }).from(sites).all().map((s) => [s.id, s.name]));
  const groupIds = db
    .select({ id: protectionGroups.id })
    .from(protectionGroups)
    .where(eq(protectionGroups.tenantId, tenantId))
    .orderBy(asc(protectionGroups.name))
    .all();
  const groups = groupIds
    .map(({ id }) => readGroupDetail(db, tenantId, id))
    .map((g) => ({ ...g, sourceSiteName: siteNames.get(g.sourceSiteId) ?? g.sourceSiteId, targetSiteName: siteNames.get(g.targetSiteId) ?? g.targetSiteId, addresses: readGroupNetworksIn(db, tenantId, g.id, { conflicts: false }).vms }))
    .sort((a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] || a.name.localeCompare(b.name));

  const administrators = db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, 'client_admin'), isNull(users.disabledAt)))
    .orderBy(asc(users.name))
    .all();

  return {
    tenant: {
      id: tenant.id,
      name: tenant.name,
      connection: tenant.connection,
      interSiteBandwidthMbps: tenant.interSiteBandwidthMbps,
      contact: { name: tenant.contactName, email: tenant.contactEmail, phone: tenant.contactPhone },
    },
    administrators,
    raci: RACI,
    groups,
  };
}
