import { apiRoute } from '@/lib/api/handler';
import { getRun } from '@/lib/domain/recovery/runs';

export const GET = apiRoute<{ id: string }>(async ({ db, actor, params }) => getRun(db, actor, params.id));
