import { apiRoute } from '@/lib/api/handler';
import { getApproval } from '@/lib/domain/approvals/approvals';

export const GET = apiRoute<{ id: string }>(async ({ db, actor, params }) => getApproval(db, actor, params.id));
