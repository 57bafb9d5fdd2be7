import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { listAudit } from '@/lib/domain/audit/audit-log';

export const GET = apiRoute(async ({ db, actor, req }) => listAudit(db, actor, queryOf(req)));
