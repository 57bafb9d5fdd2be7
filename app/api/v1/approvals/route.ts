import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { listApprovals } from '@/lib/domain/approvals/approvals';

/** Approval requests, pending first (staff: every tenant, or ?tenantId=). */
export const GET = apiRoute(async ({ db, actor, req }) => listApprovals(db, actor, queryOf(req)));
