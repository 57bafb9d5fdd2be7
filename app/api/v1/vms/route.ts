import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { listVms } from '@/lib/domain/inventory/vms';

export const GET = apiRoute(async ({ db, actor, req }) => ({ items: await listVms(db, actor, queryOf(req)) }));
