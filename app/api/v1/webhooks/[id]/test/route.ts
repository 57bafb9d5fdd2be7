import { apiRoute } from '@/lib/api/handler';
import { sendTestEvent } from '@/lib/domain/notifications/webhooks';

export const POST = apiRoute<{ id: string }>(async ({ db, actor, params }) => sendTestEvent(db, actor, params.id));
