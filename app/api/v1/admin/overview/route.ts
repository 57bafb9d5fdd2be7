import { apiRoute } from '@/lib/api/handler';
import { staffOverview } from '@/lib/domain/staff/overview';

/** Every tenant's protection health and the sites' status and load, for the console to poll. */
export const GET = apiRoute(async ({ db, actor }) => staffOverview(db, actor));
