import { apiRoute } from '@/lib/api/handler';
import { redeliver } from '@/lib/domain/notifications/webhooks';

export const POST = apiRoute<{ id: string; deliveryId: string }>(async ({ db, actor, params }) => redeliver(db, actor, params.id, params.deliveryId));
