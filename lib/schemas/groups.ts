import { z } from 'zod';
import { tenantFilterSchema } from './common';
import { displayText, idField, positiveNumber, wholeNumber } from './fields';
import { networkSettingsSchema } from './network';

import { GROUP_STATUS_LABEL, GROUP_STATUSES, PRIORITIES, type GroupStatus, type Priority } from './vocabulary';

// Zod-free (the browser imports them from ./vocabulary): statuses, priorities and their labels.
export { GROUP_STATUS_LABEL, GROUP_STATUSES, PRIORITIES, type GroupStatus, type Priority };

/** A member VM's replication: still in its initial sync, or in sync. */
export const SYNC_STATES = ['syncing', 'synced'] as const;

/** Most VMs one protection group may hold (consistency across more gets impractical). */
export const MAX_GROUP_MEMBERS = 200;

const vmIds = z
  .array(idField('VM id'), { error: 'VMs must be a list of VM ids.' })
  .max(MAX_GROUP_MEMBERS, { error: `A group holds at most ${MAX_GROUP_MEMBERS} VMs.` })
  .refine((ids) => new Set(ids).size === ids.length, { error: 'A VM may be listed only once.' });

export const bootGroupSchema = z.object({
  name: displayText('Boot group name', 1, 80),
  delayAfterSeconds: wholeNumber('Delay after the boot group', 0, 3600, 'seconds').optional().default(0),
  vmIds: vmIds.optional().default([]),
});

/** A recovery plan replaces the whole boot order: boot groups in order, each VM in one of them. */
export const recoveryPlanSchema = z.object({
  bootGroups: z
    .array(bootGroupSchema, { error: 'bootGroups must be a list of boot groups.' })
    .max(32, { error: 'A recovery plan has at most 32 boot groups.' })
    .refine((bgs) => new Set(bgs.map((b) => b.name.toLowerCase())).size === bgs.length, { error: 'Boot group names must be unique.' })
    .refine(
      (bgs) => {
        const all = bgs.flatMap((b) => b.vmIds);
        return new Set(all).size === all.length;
      },
      { error: 'A VM may be in only one boot group.' },
    ),
});

const settings = {
  name: displayText('Name', 1, 80),
  description: z.union([displayText('Description', 0, 500, { multiline: true }), z.null()]).optional(),
  priority: z.enum(PRIORITIES, { error: 'Priority must be low, medium or high.' }),
  rpoTargetSeconds: wholeNumber('RPO target', 30, 86_400, 'seconds'),
  rtoTargetMinutes: wholeNumber('RTO target', 1, 1440, 'minutes'),
  journalHistoryHours: wholeNumber('Journal history', 1, 720, 'hours'),
  journalLimitGb: positiveNumber('Journal hard limit', 100_000, 'GB'),
  testNetwork: networkSettingsSchema,
  liveNetwork: networkSettingsSchema,
  vmIds,
  recoveryPlan: recoveryPlanSchema,
};

export const DEFAULT_TEST_NETWORK = { mode: 'keep-ip', network: 'dr-test-isolated', mappings: [] } as const;
export const DEFAULT_LIVE_NETWORK = { mode: 'keep-ip', network: 'prod', mappings: [] } as const;
export const DEFAULT_JOURNAL_LIMIT_GB = 250;

/** POST /groups. Sites are checked against the database by the domain (they must exist). */
export const createGroupSchema = z
  .object({
    ...tenantFilterSchema.shape,
    name: settings.name,
    description: settings.description,
    sourceSiteId: idField('Production site'),
    targetSiteId: idField('Recovery site'),
    priority: settings.priority.optional().default('medium'),
    rpoTargetSeconds: settings.rpoTargetSeconds,
    rtoTargetMinutes: settings.rtoTargetMinutes,
    journalHistoryHours: settings.journalHistoryHours,
    journalLimitGb: settings.journalLimitGb.optional().default(DEFAULT_JOURNAL_LIMIT_GB),
    testNetwork: settings.testNetwork.optional(),
    liveNetwork: settings.liveNetwork.optional(),
    vmIds: settings.vmIds.optional(),
    recoveryPlan: settings.recoveryPlan.optional(),
  })
  .refine((g) => g.sourceSiteId !== g.targetSiteId, { error: 'The recovery site must differ from the production site.', path: ['targetSiteId'] });
export type CreateGroupInput = z.input<typeof createGroupSchema>;

/**
 * PATCH /groups/{id}: any subset. `vmIds` replaces the members; `recoveryPlan` replaces the boot
 * order. The sites of a group are fixed (a different pair is a different group); they are
 * accepted only unchanged, so a client may send back what it read.
 */
export const updateGroupSchema = z
  .object({
    name: settings.name,
    description: settings.description,
    priority: settings.priority,
    rpoTargetSeconds: settings.rpoTargetSeconds,
    rtoTargetMinutes: settings.rtoTargetMinutes,
    journalHistoryHours: settings.journalHistoryHours,
    journalLimitGb: settings.journalLimitGb,
    testNetwork: settings.testNetwork,
    liveNetwork: settings.liveNetwork,
    vmIds: settings.vmIds,
    /** Members to add or remove, applied to the members as they are when the change commits:
     * two people adding different VMs at once both get theirs (a whole vmIds list would not). */
    addVmIds: settings.vmIds,
    removeVmIds: settings.vmIds,
    recoveryPlan: settings.recoveryPlan,
    sourceSiteId: idField('Production site'),
    targetSiteId: idField('Recovery site'),
  })
  .partial()
  .refine((g) => g.vmIds === undefined || (g.addVmIds === undefined && g.removeVmIds === undefined), {
    error: 'Send either the whole vmIds list or addVmIds/removeVmIds, not both.',
    path: ['vmIds'],
  });
export type UpdateGroupInput = z.input<typeof updateGroupSchema>;

export const listGroupsQuerySchema = tenantFilterSchema;

/** What holds a group's replication back while it has a backlog (the engine's LimitReason). */
export const LIMIT_REASONS = ['iops-limited', 'bandwidth-limited', 'link-congested'] as const;
export type LimitReasonCode = (typeof LIMIT_REASONS)[number];
export const LIMIT_REASON_LABEL: Record<LimitReasonCode, string> = {
  'iops-limited': 'IOPS-limited',
  'bandwidth-limited': 'Bandwidth-limited',
  'link-congested': 'Link shared/congested',
};
