import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { listTenantNotificationRecipients } from '@/lib/domain/notifications/preferences';

/** Who in the tenant is e-mailed about what: client administrators; staff name the tenant with ?tenantId=. */
export const GET = apiRoute(async ({ db, actor, req }) => listTenantNotificationRecipients(db, actor, queryOf(req)));
