import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { listLinks } from '@/lib/domain/staff/sites-faults';

/** Inter-site links, optionally those of one site (`?siteId=`). */
export const GET = apiRoute(async ({ db, actor, req }) => ({ items: listLinks(db, actor, { siteId: queryOf(req).siteId }) }));
