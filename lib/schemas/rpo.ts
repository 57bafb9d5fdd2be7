import { timeRangeSchema } from './common';

/** GET /groups/{id}/rpo?from&to (default: the last 24 h of the simulated clock). */
export const rpoQuerySchema = timeRangeSchema;
