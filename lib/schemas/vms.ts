import { z } from 'zod';
import { queryBoolean, tenantFilterSchema } from './common';
import { idField } from './fields';

export const POWER_STATES = ['on', 'off'] as const;
export const GUEST_OS = ['linux', 'windows'] as const;

/** GET /vms filters. `protected`: only VMs in a group (true) or only unprotected ones (false). */
export const listVmsQuerySchema = tenantFilterSchema.extend({
  siteId: idField('siteId').optional(),
  groupId: idField('groupId').optional(),
  q: z.string({ error: 'q must be text.' }).trim().max(100, { error: 'q must be at most 100 characters.' }).optional(),
  protected: queryBoolean('protected').optional(),
});
