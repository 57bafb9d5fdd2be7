import { apiRoute } from '@/lib/api/handler';
import { listSitesWithLoad } from '@/lib/domain/staff/sites-faults';

/** The eight sites with status, open faults and load (allocated vDC resources vs capacity). */
export const GET = apiRoute(async ({ db, actor }) => ({ items: listSitesWithLoad(db, actor) }));
