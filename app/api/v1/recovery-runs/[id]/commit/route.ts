import { apiRoute } from '@/lib/api/handler';
import { commitRun } from '@/lib/domain/recovery/run-decisions';

/** Commits every group awaiting its decision → the run and what happened to each group. */
export const POST = apiRoute<{ id: string }>(async ({ db, actor, params }) => commitRun(db, actor, params.id));
