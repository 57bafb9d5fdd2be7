import { apiRoute } from '@/lib/api/handler';
import { linkFaultView } from '@/lib/domain/staff/sites-faults';

export const GET = apiRoute<{ id: string }>(async ({ db, actor, params }) => linkFaultView(db, actor, params.id));
