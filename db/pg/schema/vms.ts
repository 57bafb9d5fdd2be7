import { pgTable, text, integer, doublePrecision, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { flag, timestamp } from './columns';
import { sites } from './sites';
import { tenants } from './tenants';
import { POWER_STATES, GUEST_OS } from '../../../lib/schemas/vms';

/** A production virtual machine of a tenant. `siteId` is where it runs now. */
export const vms = pgTable(
  'vms',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    siteId: text('site_id').notNull().references(() => sites.id),
    name: text('name').notNull(),
    os: text('os', { enum: GUEST_OS }).notNull(),
    vcpus: integer('vcpus').notNull(),
    /** Reserved compute in GHz (vCPUs x clock), what a recovery vDC must hold. */
    cpuGhz: doublePrecision('cpu_ghz').notNull(),
    memoryGb: doublePrecision('memory_gb').notNull(),
    powerState: text('power_state', { enum: POWER_STATES }).notNull().default('on'),
    agentInstalled: flag('agent_installed').notNull().default(false),
    /** Mean write rate (MB/s) and its daily cycle: the simulator's input. */
    writeMeanMBps: doublePrecision('write_mean_mbps').notNull(),
    writePeakFactor: doublePrecision('write_peak_factor').notNull().default(3),
    writePeakHourUtc: integer('write_peak_hour_utc').notNull().default(14),
    burstiness: doublePrecision('burstiness').notNull().default(0.2),
    /** Mean write block size (KB): write IOPS = MB/s × 1024 / block. */
    writeBlockKb: integer('write_block_kb').notNull().default(32),
    /** Writes flat out for hours (backup servers): warned about in protected groups. */
    continuousWriter: flag('continuous_writer').notNull().default(false),
    bootSeconds: integer('boot_seconds').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('vms_tenant_name_uq').on(t.tenantId, t.name),
    index('vms_tenant_site_idx').on(t.tenantId, t.siteId),
  ],
);

export const vmDisks = pgTable(
  'vm_disks',
  {
    id: text('id').primaryKey(),
    vmId: text('vm_id').notNull().references(() => vms.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    sizeGb: doublePrecision('size_gb').notNull(),
  },
  (t) => [index('vm_disks_vm_idx').on(t.vmId)],
);

export const vmNics = pgTable(
  'vm_nics',
  {
    id: text('id').primaryKey(),
    vmId: text('vm_id').notNull().references(() => vms.id, { onDelete: 'cascade' }),
    network: text('network').notNull(),
    ipAddress: text('ip_address').notNull(),
    macAddress: text('mac_address').notNull(),
  },
  (t) => [index('vm_nics_vm_idx').on(t.vmId)],
);
