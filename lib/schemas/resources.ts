import { z } from 'zod';
import { idField, wholeNumber } from './fields';

/** GET /api/v1/resources: staff name the tenant (or act for it). */
export const resourcesQuerySchema = z.object({ tenantId: idField('tenantId').optional() });

/** PUT /api/v1/admin/pricing/{tenantId}: monthly unit prices in minor units (pence). */
export const unitPricesSchema = z
  .object({
    vcpuGhz: wholeNumber('Price per GHz', 0, 10_000_000, 'pence'),
    memoryGb: wholeNumber('Price per GB of memory', 0, 10_000_000, 'pence'),
    storageGb: wholeNumber('Price per GB of storage', 0, 10_000_000, 'pence'),
  })
  .strict();
