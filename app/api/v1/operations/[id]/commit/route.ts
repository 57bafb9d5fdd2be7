import { apiRoute } from '@/lib/api/handler';
import { commitOperation } from '@/lib/domain/operations/operations';

export const POST = apiRoute<{ id: string }>(async ({ db, actor, params }) => commitOperation(db, actor, params.id));
