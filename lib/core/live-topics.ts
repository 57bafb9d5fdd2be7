import { groupTopics } from './live-events';

/**
 * The live topics an audited change touches (see lib/core/live-events.ts). Every use case
 * audits, so this one mapping covers approvals, service requests, alerts, operations started by
 * people, settings and the audit trail itself; the simulator and the drivers publish their own.
 */
export function topicsOfAuditEntry(entry: { action: string; tenantId: string | null; targetType?: string; targetId?: string }): string[] {
  const id = entry.targetId;
  const topics = ['audit'];
  switch (entry.targetType) {
    case 'protection-group':
      topics.push(...(id ? groupTopics(id) : ['groups', 'dashboard']), 'alerts');
      break;
    case 'operation':
      topics.push('operations', 'groups', 'dashboard', 'approvals');
      if (id) topics.push(`operation:${id}`);
      break;
    case 'recovery-run':
      topics.push('runs', 'operations', 'groups', 'dashboard', 'approvals');
      if (id) topics.push(`run:${id}`);
      break;
    case 'approval':
      topics.push('approvals', 'operations', 'runs');
      break;
    case 'alert':
      topics.push('alerts', 'dashboard');
      break;
    case 'service-request':
      topics.push('requests');
      break;
    case 'site':
    case 'link':
    case 'maintenance-window':
      topics.push('sites', 'groups', 'dashboard', 'alerts');
      break;
    case 'vm':
    case 'vdc':
      topics.push('vms', 'groups', 'resources');
      break;
    case 'test-schedule':
    case 'test-drill':
      topics.push('test-schedules', 'dashboard');
      break;
    case undefined:
      break;
    default:
      topics.push(entry.targetType);
  }
  // A provider-wide message reaches every tenant: it names kinds of data, never another tenant's ids.
  return entry.tenantId === null ? topics.filter((t) => !t.includes(':')) : topics;
}
