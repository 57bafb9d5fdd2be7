import { apiRoute, noContent } from '@/lib/api/handler';
import { cancelMaintenance } from '@/lib/domain/staff/maintenance';

/** Cancel a window that has not started (409 once it has: it is part of the SLA record). */
export const DELETE = apiRoute<{ id: string }>(async ({ db, actor, params }) => {
  await cancelMaintenance(db, actor, params.id);
  return noContent();
});
