import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { tenantPricing } from '@/lib/domain/staff/pricing-report';

/** Per tenant: production usage, recovery reservation, recovery price units at 20%. */
export const GET = apiRoute(async ({ db, actor, req }) => ({ items: tenantPricing(db, actor, { tenantId: queryOf(req).tenantId }) }));
