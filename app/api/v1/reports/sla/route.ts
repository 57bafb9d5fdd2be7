import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { monthlySla } from '@/lib/domain/reports/sla';

export const GET = apiRoute(async ({ db, actor, req }) => monthlySla(db, actor, queryOf(req)));
