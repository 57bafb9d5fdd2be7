import { apiRoute } from '@/lib/api/handler';
import { rollbackOperation } from '@/lib/domain/operations';

export const POST = apiRoute<{ id: string }>(async ({ db, actor, params }) => rollbackOperation(db, actor, params.id));
