'use client';

import { cn } from '@/components/ui/cn';
import { Icon, type IconName } from '@/components/ui/icons';

export type OperationMode = 'test-failover' | 'failover' | 'move';

/**
 * The TEST / LIVE / MOVE switch of the failover wizard and the recovery-run wizard: a radio
 * group, so arrows and screen readers work. `liveLabel` is "Live failover" (or "Failback").
 */
export function ModeSwitch({ liveLabel, mode, onChange, name = 'operation-mode' }: { liveLabel: string; mode: OperationMode; onChange: (m: OperationMode) => void; name?: string }) {
  const modes: { id: OperationMode; label: string; hint: string; icon: IconName; on: string }[] = [
    { id: 'test-failover', label: 'Test', hint: 'Non-disruptive: production keeps running', icon: 'flask', on: 'bg-blue-600 text-white' },
    { id: 'failover', label: liveLabel, hint: 'Disaster: recover at the target now', icon: 'switch', on: 'bg-red-600 text-white' },
    { id: 'move', label: 'Move', hint: 'Planned migration: no data loss', icon: 'arrowRight', on: 'bg-amber-500 text-slate-950' },
  ];
  return (
    <div role="radiogroup" aria-label="Kind of operation" className="grid gap-2 sm:grid-cols-3">
      {modes.map((m) => (
        <label
          key={m.id}
          className={cn(
            'flex cursor-pointer items-start gap-2 rounded-lg border px-3 py-2 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-600',
            mode === m.id ? cn(m.on, 'border-transparent') : 'border-slate-200 bg-white hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900',
          )}
        >
          <input type="radio" name={name} value={m.id} checked={mode === m.id} onChange={() => onChange(m.id)} className="sr-only" />
          <Icon name={m.icon} className="mt-0.5 size-4 shrink-0" />
          <span>
            <span className="block text-sm font-semibold uppercase tracking-wide">{m.label}</span>
            <span className={cn('block text-xs', mode === m.id ? '' : 'text-slate-500 dark:text-slate-400')}>{m.hint}</span>
          </span>
        </label>
      ))}
    </div>
  );
}
