import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { getWhatIf } from '@/lib/domain/recovery/what-if';

/** "If site X failed now": `?siteId` (required), `&planId` (a saved recovery plan), staff `&tenantId`. Read-only, any role. */
export const GET = apiRoute(async ({ db, actor, req }) => getWhatIf(db, actor, queryOf(req)));
