import { apiRoute } from '@/lib/api/handler';
import { getVmChecks } from '@/lib/domain/drills/checks';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ db, actor, params }) => getVmChecks(db, actor, params.id));
