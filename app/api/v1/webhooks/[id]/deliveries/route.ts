import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { listDeliveries } from '@/lib/domain/notifications/webhooks';

export const GET = apiRoute<{ id: string }>(async ({ db, actor, params, req }) => listDeliveries(db, actor, params.id, queryOf(req)));
