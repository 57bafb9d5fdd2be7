/** A small, explicit operation set-up for the machine's tests (no database). */
import type { OperationOptions } from './types';

/**
 * Options of an operation from London to Zurich, manual commit, re-IP, and a two-group plan:
 * App (app-01 boots in 40 s, app-02 in 50 s, then a 60 s delay) and Web (web-01, 30 s).
 */
export function operationOptions(over: Partial<OperationOptions> = {}): OperationOptions {
  return {
    v: 1, fromSiteName: 'London', toSiteName: 'Zurich', sourceSiteOnline: true, shutdownSource: true, reverseProtection: false,
    commitPolicy: 'manual', commitTimeoutMinutes: 60, finalSyncSeconds: 0,
    network: { kind: 'live', mode: 're-ip', network: 'dr-prod', mappings: [{ sourceSubnet: '10.10.0.0/16', targetSubnet: '10.110.0.0/16' }] },
    plan: [
      { name: 'App', delayAfterSeconds: 60, vms: [{ id: 'a1', name: 'app-01', bootSeconds: 40 }, { id: 'a2', name: 'app-02', bootSeconds: 50 }] },
      { name: 'Web', delayAfterSeconds: 0, vms: [{ id: 'w1', name: 'web-01', bootSeconds: 30 }] },
    ],
    groupStatusBefore: 'meeting-sla', stopRequestedAtMs: null, decision: null,
    ...over,
  };
}

const seedVm = (name: string, bootSeconds: number) => ({ id: `vm_${name.replaceAll('-', '_')}`, name, bootSeconds });

/**
 * The demo seed's Acme guests (lib/seed/demo.ts: ids and boot times). Their guests shut down in
 * 44, 120 and 128 s (SQL tier) and 22, 25, 29 and 20 s (web tier).
 */
export const ACME_SQL_TIER = [seedVm('acme-sql-01', 118), seedVm('acme-sql-02', 155), seedVm('acme-dc-01', 192)];
export const ACME_WEB_TIER = [seedVm('acme-web-01', 35), seedVm('acme-web-02', 58), seedVm('acme-app-01', 81), seedVm('acme-app-02', 44)];
