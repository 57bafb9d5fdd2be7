import { apiRoute } from '@/lib/api/handler';
import { getOperation } from '@/lib/domain/operations/operations';

export const GET = apiRoute<{ id: string }>(async ({ db, actor, params }) => getOperation(db, actor, params.id));
