/**
 * Output shapes of the staff console: JSON-ready, times as ISO strings, field names as in
 * shared/API.md. Route handlers return them as-is and pages render them.
 */
import 'server-only';
import type { REQUEST_KINDS, REQUEST_STATUSES } from '@/lib/schemas/requests';
import type { SiteStatus } from '@/lib/schemas/sites';
import type { CONNECTION_OPTIONS, TENANT_STATUSES, VDC_KINDS } from '@/lib/schemas/tenants';
import type { RequestPriority } from '@/lib/schemas/requests';

export type ConnectionOption = (typeof CONNECTION_OPTIONS)[number];

export type TenantDto = {
  id: string;
  slug: string;
  name: string;
  status: (typeof TENANT_STATUSES)[number];
  connection: ConnectionOption;
  externalBandwidthMbps: number;
  interSiteBandwidthMbps: number;
  monthlyChargeCents: number;
  currency: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  createdAt: string;
};

export type VdcDto = {
  id: string;
  tenantId: string;
  siteId: string;
  kind: (typeof VDC_KINDS)[number];
  name: string;
  vcpuGhz: number;
  memoryGb: number;
  storageGb: number;
  guaranteedIops: number;
};

export type StorageVolumeDto = { id: string; tenantId: string; siteId: string; name: string; sizeGb: number; guaranteedIops: number; media: string };

export type TenantDetailDto = TenantDto & {
  vdcs: VdcDto[];
  storageVolumes: StorageVolumeDto[];
  userCount: number;
  groupCount: number;
  vmCount: number;
};

export type Load = { allocated: number; capacity: number; percent: number };

export type SiteLoadDto = {
  id: string;
  name: string;
  country: string;
  status: SiteStatus;
  /** A staff-injected fault is open on the site. */
  down: boolean;
  load: { vcpuGhz: Load; memoryGb: Load; storageGb: Load };
  vdcCount: number;
  /** Groups replicating from or to the site. */
  groupCount: number;
};

export type LinkDto = { id: string; siteAId: string; siteBId: string; latencyMs: number; capacityMbps: number; up: boolean };

export type AffectedGroupDto = {
  id: string;
  tenantId: string;
  tenantName: string;
  name: string;
  sourceSiteId: string;
  targetSiteId: string;
  status: string;
  subStatus: string | null;
  rpoSeconds: number | null;
  rpoTargetSeconds: number;
  /** Why it is affected: the site is its source or target, or the link carries its traffic. */
  role: 'source' | 'target' | 'link';
};

export type MaintenanceWindowDto = {
  id: string;
  siteId: string | null;
  siteName: string | null;
  startsAt: string;
  endsAt: string;
  description: string;
  createdBy: string | null;
  createdAt: string;
  state: 'upcoming' | 'in-progress' | 'past';
};

export type ResourceDelta = { vcpuGhz?: number; memoryGb?: number; storageGb?: number; guaranteedIops?: number };

export type ServiceRequestDto = {
  id: string;
  tenantId: string;
  tenantName: string;
  kind: (typeof REQUEST_KINDS)[number];
  priority: RequestPriority;
  title: string;
  description: string;
  status: (typeof REQUEST_STATUSES)[number];
  vdcId: string | null;
  vdcName: string | null;
  /** Signed deltas applied to the vDC on resolution (shrink is negative). */
  change: ResourceDelta | null;
  requestedBy: string;
  requestedByEmail: string | null;
  assignedTo: string | null;
  assignedToEmail: string | null;
  createdAt: string;
  respondBy: string;
  /** First staff response (comment or status change); null while awaiting one. */
  respondedAt: string | null;
  /** Response deadline missed: responded late, or still unanswered past respondBy. */
  responseOverdue: boolean;
  resolvedAt: string | null;
};

export type ServiceRequestCommentDto = { id: string; authorId: string; authorEmail: string; body: string; createdAt: string; byStaff: boolean };

export type ServiceRequestDetailDto = ServiceRequestDto & { comments: ServiceRequestCommentDto[] };
