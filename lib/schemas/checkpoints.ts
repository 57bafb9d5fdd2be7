import { z } from 'zod';
import { pagingSchema, timeRangeSchema } from './common';
import { displayText } from './fields';

import { CHECKPOINT_KIND_LABEL, CHECKPOINT_KINDS, type CheckpointKind } from './vocabulary';

// Zod-free (the browser imports them from ./vocabulary).
export { CHECKPOINT_KIND_LABEL, CHECKPOINT_KINDS, type CheckpointKind };

/** POST /groups/{id}/checkpoints: a named point to recover to (before a change, a release...). */
export const tagCheckpointSchema = z.object({
  tag: displayText('Tag', 1, 64),
});

/**
 * GET /groups/{id}/checkpoints: newest first, optionally of one kind and inside `from`..`to`
 * (both inclusive); the cursor pages within those bounds. `to` alone with `limit=1` answers
 * "which checkpoint does this point in time recover to".
 */
export const listCheckpointsQuerySchema = pagingSchema
  .extend({ kind: z.enum(CHECKPOINT_KINDS, { error: 'kind must be crash, app or tagged.' }).optional() })
  .and(timeRangeSchema);
