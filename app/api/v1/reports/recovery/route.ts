import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { recoveryReport } from '@/lib/domain/reports/recovery-report';

/** The recovery report: every test failover, live failover, move and failback, filtered. */
export const GET = apiRoute(async ({ db, actor, req }) => recoveryReport(db, actor, queryOf(req)));
