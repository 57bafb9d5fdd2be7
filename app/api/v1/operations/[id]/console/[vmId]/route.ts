import { apiRoute } from '@/lib/api/handler';
import { readTestConsole } from '@/lib/domain/operations/test-console';

export const GET = apiRoute<{ id: string; vmId: string }>(async ({ db, actor, params }) => readTestConsole(db, actor, params.id, params.vmId));
