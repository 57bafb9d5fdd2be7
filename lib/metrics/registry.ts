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
 * `/api/v1/groups/grp_7k2m9x4q1c8d/rpo` → `/api/v1/groups/:id/rpo`, so the route label has a
 * bounded number of values (ids would make a new time series per object).
 */
export function routeLabel(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => (/^[a-z]+_[A-Za-z0-9_-]+$/.test(segment) || /^\d+$/.test(segment) || segment.length > 32 ? ':id' : segment))
    .join('/');
}

export function observeHttpRequest(method: string, pathname: string, status: number, seconds: number): void {
  const m = metrics();
  const route = routeLabel(pathname);
  m.httpRequests.inc({ method, route, status: String(status) });
  m.httpDuration.observe({ method, route }, seconds);
}
