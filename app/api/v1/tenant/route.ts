import { apiRoute } from '@/lib/api/handler';
import { bodyOf, queryOf } from '@/lib/api/request-input';
import { getTenantSettings, updateTenantSettings } from '@/lib/domain/approvals/tenant-settings';

/** The tenant's settings (staff: ?tenantId= or the tenant they act for). */
export const GET = apiRoute(async ({ db, actor, req }) => getTenantSettings(db, actor, queryOf(req)));

/** Changes them: the tenant's client administrators only. */
export const PATCH = apiRoute(async (ctx) => updateTenantSettings(ctx.db, ctx.actor, await bodyOf(ctx)));
