import { apiRoute } from '@/lib/api/handler';
import { siteFaultView } from '@/lib/domain/staff/sites-faults';

/** A site with its load, its links and the groups a fault there affects. */
export const GET = apiRoute<{ id: string }>(async ({ db, actor, params }) => siteFaultView(db, actor, params.id));
