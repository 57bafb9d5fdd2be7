import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus registry. One per process, on globalThis, because Next evaluates
 * route modules in separate bundles and prom-client refuses a metric registered twice.
 */
type Metrics = {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  groupsByStatus: Gauge<'status'>;
  groupRpo: Gauge<'tenant' | 'group' | 'group_name'>;
  groupRpoTarget: Gauge<'tenant' | 'group' | 'group_name'>;
  alertsOpen: Gauge<'level' | 'code'>;
  sitesByStatus: Gauge<'site' | 'status'>;
};

const store = globalThis as unknown as { __cloudshieldMetrics?: Metrics };

export function metrics(): Metrics {
  if (store.__cloudshieldMetrics) return store.__cloudshieldMetrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  store.__cloudshieldMetrics = {
    registry,
    httpRequests: new Counter({ name: 'cloudshield_http_requests_total', help: 'API requests answered, by route pattern and status.', labelNames: ['method', 'route', 'status'], registers }),
    httpDuration: new Histogram({
      name: 'cloudshield_http_request_duration_seconds', help: 'API request duration.', labelNames: ['method', 'route'], registers,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    }),
    groupsByStatus: new Gauge({ name: 'cloudshield_protection_groups', help: 'Protection groups by status.', labelNames: ['status'], registers }),
    groupRpo: new Gauge({ name: 'cloudshield_group_rpo_seconds', help: 'Actual RPO of each protection group.', labelNames: ['tenant', 'group', 'group_name'], registers }),
    groupRpoTarget: new Gauge({ name: 'cloudshield_group_rpo_target_seconds', help: 'RPO target of each protection group.', labelNames: ['tenant', 'group', 'group_name'], registers }),
    alertsOpen: new Gauge({ name: 'cloudshield_alerts_open', help: 'Unresolved alerts by level and code.', labelNames: ['level', 'code'], registers }),
    sitesByStatus: new Gauge({ name: 'cloudshield_site_status', help: '1 for the current status of each site.', labelNames: ['site', 'status'], registers }),
  };
  return store.__cloudshieldMetrics;
}

/**
 * The route template of a request: `/api/v1/groups/grp_7k2m9x4q1c8d/rpo` with params
 * `{ id: 'grp_7k2m9x4q1c8d' }` → `/api/v1/groups/:id/rpo`. Each param's value replaces the first
 * segment equal to it after the previous one's, in route order, so the label's values are the
 * app's routes and never what a caller puts in a path (ids, or junk sent to grow the metrics).
 */
export function routeTemplate(pathname: string, params: Record<string, string | string[] | undefined>): string {
  const segments = pathname.split('/');
  let from = 0;
  for (const [name, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    for (const v of values) {
      const at = segments.findIndex((segment, i) => i >= from && safeDecode(segment) === v);
      if (at < 0) continue;
      segments[at] = `:${name}`;
      from = at + 1;
    }
  }
  return segments.join('/');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function observeHttpRequest(method: string, route: string, status: number, seconds: number): void {
  const m = metrics();
  m.httpRequests.inc({ method, route, status: String(status) });
  m.httpDuration.observe({ method, route }, seconds);
}
