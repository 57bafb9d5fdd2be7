import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { listAlerts } from '@/lib/domain/replication/alerts';

export const GET = apiRoute(async ({ db, actor, req }) => ({ items: await listAlerts(db, actor, queryOf(req)) }));
