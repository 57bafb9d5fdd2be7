import { apiRoute } from '@/lib/api/handler';
import { acknowledgeAlert } from '@/lib/domain/replication/alerts';

export const POST = apiRoute<{ id: string }>(async ({ db, actor, params }) => acknowledgeAlert(db, actor, params.id));
