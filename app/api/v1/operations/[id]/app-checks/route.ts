import { apiRoute } from '@/lib/api/handler';
import { getOperationChecks } from '@/lib/domain/drills/checks';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ db, actor, params }) => getOperationChecks(db, actor, params.id));
