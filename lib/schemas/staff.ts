import { z } from 'zod';
import { CONNECTION_OPTIONS, TENANT_STATUSES, VDC_KINDS } from './tenants';
import { jsonBoolean } from './common';
import { dateTime, monthField } from './dates';
import { displayText, idField, positiveNumber, wholeNumber } from './fields';

/**
 * Inputs of the provider staff console, shared by the /api/v1/admin routes and the server
 * actions of app/(staff), so a field means (and fails) the same way in both.
 */

// HTML forms send "" for an untouched optional field; treat it as absent.
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const nullable = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable().optional());

export const slugField = z
  .string({ error: 'Slug must be text.' })
  .trim()
  .toLowerCase()
  .min(2, { error: 'Slug needs at least 2 characters.' })
  .max(40, { error: 'Slug must be at most 40 characters.' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'Slug may hold only a-z, 0-9 and single hyphens.' });

const connection = z.enum(CONNECTION_OPTIONS, { error: `Connection option must be one of ${CONNECTION_OPTIONS.join(', ')}.` });
const currency = z
  .string({ error: 'Currency must be text.' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { error: 'Currency must be an ISO 4217 code such as GBP.' });

// Tenant limits: 1 Mbit/s..100 Gbit/s covers every connection option we sell.
const bandwidth = (label: string) => wholeNumber(label, 1, 100_000, 'Mbit/s');

const tenantFields = {
  name: displayText('Name', 1, 120),
  slug: slugField,
  connection,
  externalBandwidthMbps: bandwidth('External bandwidth limit'),
  interSiteBandwidthMbps: bandwidth('Inter-datacentre bandwidth limit'),
  /** Minor currency units (pence); the base of service credits. */
  monthlyChargeCents: wholeNumber('Monthly charge', 0, 100_000_000_00, 'minor units'),
  currency: optional(currency),
  contactName: nullable(displayText('DR contact', 1, 120)),
  contactEmail: nullable(z.email({ error: 'Contact email must be an email address, e.g. jo@example.com.' }).max(254)),
  contactPhone: nullable(displayText('Contact phone', 3, 40)),
};

export const tenantCreateSchema = z.object(tenantFields);

export const tenantUpdateSchema = z
  .object({
    name: optional(tenantFields.name),
    slug: optional(slugField),
    connection: optional(connection),
    externalBandwidthMbps: optional(tenantFields.externalBandwidthMbps),
    interSiteBandwidthMbps: optional(tenantFields.interSiteBandwidthMbps),
    monthlyChargeCents: optional(tenantFields.monthlyChargeCents),
    currency: optional(currency),
    contactName: tenantFields.contactName,
    contactEmail: tenantFields.contactEmail,
    contactPhone: tenantFields.contactPhone,
    /** `suspended` blocks the tenant's sign-ins; its protection keeps running. */
    status: optional(z.enum(TENANT_STATUSES, { error: `Status must be one of ${TENANT_STATUSES.join(', ')}.` })),
  })
  .strict();

const vdcResources = {
  vcpuGhz: positiveNumber('vCPU', 100_000, 'GHz'),
  memoryGb: positiveNumber('Memory', 1_000_000, 'GB'),
  storageGb: positiveNumber('Storage', 100_000_000, 'GB'),
  guaranteedIops: wholeNumber('Guaranteed IOPS', 100, 10_000_000, 'IOPS'),
};

/** The name a vDC gets when staff give none: "Acme recovery vDC, Zurich" (site names, never ids). */
export const defaultVdcName = (tenantName: string, kind: (typeof VDC_KINDS)[number], siteName: string) => `${tenantName} ${kind} vDC, ${siteName}`;

export const vdcCreateSchema = z.object({
  siteId: idField('Site'),
  kind: z.enum(VDC_KINDS, { error: `Kind must be one of ${VDC_KINDS.join(', ')}.` }),
  name: optional(displayText('Name', 1, 120)),
  ...vdcResources,
});

export const vdcUpdateSchema = z
  .object({
    name: optional(displayText('Name', 1, 120)),
    vcpuGhz: optional(vdcResources.vcpuGhz),
    memoryGb: optional(vdcResources.memoryGb),
    storageGb: optional(vdcResources.storageGb),
    guaranteedIops: optional(vdcResources.guaranteedIops),
  })
  .strict();

/** POST /admin/sites/{id}/outage and /admin/links/{id}/outage. */
export const outageSchema = z.object({ down: jsonBoolean('down') });

/**
 * POST /api/v1/admin/sites/{id}/degrade: slower storage (the share of its IOPS the site still
 * delivers) and hosts down (less recovery capacity). 100 % and 0 hosts = healthy again.
 */
export const siteDegradeSchema = z.object({
  storageIopsPercent: wholeNumber('Storage IOPS', 1, 100, '%'),
  hostsDown: wholeNumber('Hosts down', 0, 1000, 'hosts'),
});
export type SiteDegradeInput = z.infer<typeof siteDegradeSchema>;

export const maintenanceCreateSchema = z
  .object({
    /** null (or absent) = the whole service. */
    siteId: nullable(idField('Site')),
    startsAt: dateTime('Start time'),
    endsAt: dateTime('End time'),
    description: displayText('Description', 1, 500, { multiline: true }),
  })
  .refine((w) => w.endsAt.getTime() > w.startsAt.getTime(), { error: 'End time must be after the start time.', path: ['endsAt'] });

export const maintenanceListSchema = z.object({
  when: z.enum(['upcoming', 'past', 'all'], { error: 'when must be upcoming, past or all.' }).optional().default('all'),
});

/** GET /admin/sla: every tenant's month, as JSON or CSV. */
export const adminSlaQuerySchema = z.object({
  month: optional(monthField),
  format: z.enum(['json', 'csv'], { error: 'format must be json or csv.' }).optional().default('json'),
});

