import type { ALERT_LEVELS } from '@/lib/schemas/alerts';
import type { GroupStatus } from '@/lib/schemas/groups';
import type { OperationStatus } from '@/lib/schemas/operations';
import type { SiteStatus } from '@/lib/schemas/sites';
import { GROUP_STATUS_LABEL } from '@/lib/schemas/vocabulary';
import type { IconName } from './icons';
import type { Tone } from './tone';

type AlertLevel = (typeof ALERT_LEVELS)[number];

export type StatusMeta = { label: string; tone: Tone; icon: IconName };

/**
 * Protection group statuses in the vocabulary DR operators know (Zerto's). A breach of the RPO
 * is red; a short journal history or an initial sync is a warning (amber): data is protected,
 * just not yet to the promised extent.
 */
export const GROUP_STATUS: Record<GroupStatus, StatusMeta> = {
  'meeting-sla': { label: GROUP_STATUS_LABEL['meeting-sla'], tone: 'success', icon: 'checkCircle' },
  initialising: { label: GROUP_STATUS_LABEL.initialising, tone: 'warning', icon: 'refresh' },
  'history-not-met': { label: GROUP_STATUS_LABEL['history-not-met'], tone: 'warning', icon: 'warning' },
  'rpo-not-met': { label: GROUP_STATUS_LABEL['rpo-not-met'], tone: 'danger', icon: 'error' },
  paused: { label: GROUP_STATUS_LABEL.paused, tone: 'danger', icon: 'pause' },
  testing: { label: GROUP_STATUS_LABEL.testing, tone: 'info', icon: 'flask' },
  'failing-over': { label: GROUP_STATUS_LABEL['failing-over'], tone: 'progress', icon: 'switch' },
  'awaiting-commit': { label: GROUP_STATUS_LABEL['awaiting-commit'], tone: 'progress', icon: 'hourglass' },
  'failed-over': { label: GROUP_STATUS_LABEL['failed-over'], tone: 'neutral', icon: 'arrowRight' },
  'reverse-replicating': { label: GROUP_STATUS_LABEL['reverse-replicating'], tone: 'neutral', icon: 'undo' },
};

export const OPERATION_STATUS: Record<OperationStatus, StatusMeta> = {
  pending: { label: 'Pending', tone: 'neutral', icon: 'hourglass' },
  running: { label: 'Running', tone: 'progress', icon: 'switch' },
  testing: { label: 'Testing', tone: 'info', icon: 'flask' },
  'awaiting-commit': { label: 'Awaiting commit', tone: 'progress', icon: 'hourglass' },
  completed: { label: 'Completed', tone: 'success', icon: 'checkCircle' },
  'rolled-back': { label: 'Rolled back', tone: 'neutral', icon: 'undo' },
  failed: { label: 'Failed', tone: 'danger', icon: 'error' },
};

export const SITE_STATUS: Record<SiteStatus, StatusMeta> = {
  online: { label: 'Online', tone: 'success', icon: 'checkCircle' },
  degraded: { label: 'Degraded', tone: 'warning', icon: 'warning' },
  offline: { label: 'Offline', tone: 'danger', icon: 'error' },
};

export const ALERT_LEVEL: Record<AlertLevel, StatusMeta> = {
  warning: { label: 'Warning', tone: 'warning', icon: 'warning' },
  error: { label: 'Error', tone: 'danger', icon: 'error' },
};
