import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { getResources } from '@/lib/domain/resources/resources';

/** Recovery vDCs per site (reserved and used), storage per group, and the monthly recovery price. */
export const GET = apiRoute(async ({ db, actor, req }) => getResources(db, actor, queryOf(req)));
