import { z } from 'zod';
import { CHECKPOINT_KINDS } from '@/db/schema/journal';
import { pagingSchema } from './common';
import { displayText } from './fields';

/** POST /groups/{id}/checkpoints: a named point to recover to (before a change, a release...). */
export const tagCheckpointSchema = z.object({
  tag: displayText('Tag', 1, 64),
});
export type TagCheckpointInput = z.input<typeof tagCheckpointSchema>;

export const listCheckpointsQuerySchema = pagingSchema.extend({
  kind: z.enum(CHECKPOINT_KINDS, { error: 'kind must be crash, app or tagged.' }).optional(),
});
export type ListCheckpointsQuery = z.input<typeof listCheckpointsQuerySchema>;
