import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { getDashboard } from '@/lib/domain/reports/dashboard';

export const GET = apiRoute(async ({ db, actor, req }) => getDashboard(db, actor, queryOf(req)));
