import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { listOperations } from '@/lib/domain/operations/operations';

/** Operations newest first: `?groupId&type&status&limit&cursor` (staff: `&tenantId`). */
export const GET = apiRoute(async ({ db, actor, req }) => listOperations(db, actor, queryOf(req)));
