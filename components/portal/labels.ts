import type { AlertCode } from '@/lib/schemas/alerts';
import type { CheckpointKind } from '@/lib/schemas/checkpoints';
import type { Priority } from '@/lib/schemas/groups';
import type { IconName } from '@/components/ui/icons';
import type { Tone } from '@/components/ui/tone';

/** Priority is bandwidth precedence between a tenant's groups, so it reads as such. */
export const PRIORITY: Record<Priority, { label: string; tone: Tone; icon: IconName; hint: string }> = {
  high: { label: 'High', tone: 'info', icon: 'arrowRight', hint: 'Ships its writes first when the link is busy' },
  medium: { label: 'Medium', tone: 'neutral', icon: 'arrowRight', hint: 'Shares the link after high-priority groups' },
  low: { label: 'Low', tone: 'neutral', icon: 'arrowRight', hint: 'Uses what bandwidth is left' },
};

export const CHECKPOINT_KIND: Record<CheckpointKind, { label: string; short: string; hex: string }> = {
  crash: { label: 'Crash-consistent', short: 'Crash', hex: '#94a3b8' },
  app: { label: 'Application-consistent', short: 'App', hex: '#10b981' },
  tagged: { label: 'Tagged', short: 'Tagged', hex: '#3b82f6' },
};

export const ALERT_CODE: Record<AlertCode, string> = {
  'rpo-warning': 'RPO near target',
  'rpo-breach': 'RPO breach',
  'history-not-met': 'Journal history short',
  'site-down': 'Site down',
  'link-down': 'Link down',
  'continuous-writer': 'Continuous writer',
  'initial-sync-stalled': 'Initial sync stalled',
  'test-overdue': 'Test overdue',
  'operation-failed': 'Operation failed',
  'operation-held': 'Operation on hold',
};

/** A site's display name from a list, falling back to its id (a site added after the page loaded). */
export function siteName(sites: { id: string; name: string }[], id: string): string {
  return sites.find((s) => s.id === id)?.name ?? id;
}

/** "1 VM", "3 VMs". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
