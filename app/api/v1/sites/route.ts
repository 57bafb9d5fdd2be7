import { apiRoute } from '@/lib/api/handler';
import { listSites } from '@/lib/domain/inventory/sites';

export const GET = apiRoute(async ({ db, actor }) => ({ items: await listSites(db, actor) }));
