import { apiRoute } from '@/lib/api/handler';
import { rollbackRun } from '@/lib/domain/recovery/run-decisions';

/** Rolls back every group awaiting its decision and cancels the tiers not yet started. */
export const POST = apiRoute<{ id: string }>(async ({ db, actor, params }) => rollbackRun(db, actor, params.id));
