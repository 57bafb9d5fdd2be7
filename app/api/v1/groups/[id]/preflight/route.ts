import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { preflight } from '@/lib/domain/operations/operations';

/** Read-only pre-flight review: `?type=test-failover|failover|move|failback&checkpointId|pointInTime`. */
export const GET = apiRoute<{ id: string }>(async ({ db, actor, params, req }) => preflight(db, actor, params.id, queryOf(req)));
