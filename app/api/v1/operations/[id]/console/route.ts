import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { readTestConsole } from '@/lib/domain/operations/test-console';

/** GET /operations/{id}/console?vmId=: a test VM's simulated console. */
export const GET = apiRoute<{ id: string }>(async ({ db, actor, params, req }) => readTestConsole(db, actor, params.id, queryOf(req)));
