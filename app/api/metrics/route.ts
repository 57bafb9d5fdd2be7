import { apiRoute } from '@/lib/api/handler';
import { authorize } from '@/lib/domain/core/authorize';
import { metrics } from '@/lib/metrics/registry';
import { refreshReplicationGauges } from '@/lib/metrics/replication-gauges';

export const dynamic = 'force-dynamic';

/**
 * Prometheus text for the provider's monitoring: process, API and replication metrics across
 * all tenants, hence staff only (a staff bearer token for the scraper).
 */
export const GET = apiRoute(async ({ db, actor }) => {
  authorize(db, actor, 'metrics:read');
  refreshReplicationGauges(db);
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' } });
});
