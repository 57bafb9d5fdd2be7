'use client';

import type { NetworkSettings } from '@/db/schema';
import { Field, Input } from '@/components/ui/field';
import type { FailoverContextDto } from '@/lib/domain/failover-context';
import { formatDuration } from '@/lib/format';
import type { LiveOptions, WizardMode } from './wizard-state';

type Props = { context: FailoverContextDto; mode: WizardMode; value: LiveOptions; onChange: (o: LiveOptions) => void };

function networkText(n: NetworkSettings): string {
  if (n.mode === 'keep-ip') return `network "${n.network}", same IP addresses as production`;
  return `network "${n.network}", re-IP ${n.mappings.map((m) => `${m.sourceSubnet} → ${m.targetSubnet}`).join(', ') || '(no mapping)'}`;
}

/** The recovery plan and network that will apply, then the live options with their consequences. */
export function WizardOptions({ context, mode, value, onChange }: Props) {
  const { source, target, plan } = context;
  const set = (patch: Partial<LiveOptions>) => onChange({ ...value, ...patch });
  const live = mode !== 'test-failover';
  return (
    <div className="space-y-5">
      <section className="space-y-1 text-sm">
        <h3 className="font-medium">Recovery plan</h3>
        <ol className="list-decimal space-y-0.5 pl-5 text-slate-600 dark:text-slate-400">
          {plan.map((bg, i) => (
            <li key={bg.name}>
              <span className="text-slate-800 dark:text-slate-200">{bg.name}</span>: {bg.vms.join(', ')}
              {bg.delayAfterSeconds > 0 && i < plan.length - 1 ? `, then wait ${formatDuration(bg.delayAfterSeconds)}` : ''}
            </li>
          ))}
        </ol>
        <p className="text-slate-600 dark:text-slate-400">
          Network ({live ? 'live' : 'test'} settings): {networkText(live ? context.liveNetwork : context.testNetwork)}.
        </p>
        {!live && <p className="text-slate-600 dark:text-slate-400">Production at {source.name} keeps running and replicating; the test VMs are copies, removed when the test stops.</p>}
      </section>

      {live && (
        <fieldset className="space-y-4">
          <legend className="sr-only">Options</legend>
          {mode === 'failover' && (
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" className="mt-1" checked={value.shutdownSource} onChange={(e) => set({ shutdownSource: e.target.checked })} />
              <span>
                <span className="font-medium">Shut down the source VMs</span>
                <span className="block text-xs text-slate-500 dark:text-slate-400">
                  {source.status === 'offline'
                    ? `${source.name} is offline: the shutdown will be skipped, the failover still works.`
                    : `Powers the VMs off at ${source.name} first so two copies never run at once.`}
                </span>
              </span>
            </label>
          )}
          {mode === 'move' && <p className="text-sm text-slate-600 dark:text-slate-400">A move always shuts the source VMs down and syncs the last writes first: no data is lost.</p>}
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-1" checked={value.reverseProtection} onChange={(e) => set({ reverseProtection: e.target.checked })} />
            <span>
              <span className="font-medium">Reverse protection</span>
              <span className="block text-xs text-slate-500 dark:text-slate-400" data-testid="reverse-consequence">
                {value.reverseProtection
                  ? `After the commit the group replicates back from ${target.name} to ${source.name} (reverse replicating, then meeting SLA), ready for a failback.`
                  : `After the commit the group is failed over and does not replicate: nothing protects the VMs at ${target.name} until the group is configured again.`}
              </span>
            </span>
          </label>
          <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_10rem]">
            <fieldset className="space-y-1 text-sm">
              <legend className="font-medium">Commit policy</legend>
              {(
                [
                  ['manual', 'Manual: wait for someone to commit or roll back'],
                  ['auto-commit', 'Auto-commit after the timeout'],
                  ['auto-rollback', 'Auto-rollback after the timeout (a rehearsal)'],
                ] as const
              ).map(([policy, label]) => (
                <label key={policy} className="flex items-center gap-2">
                  <input type="radio" name="commit-policy" checked={value.commitPolicy === policy} onChange={() => set({ commitPolicy: policy })} />
                  {label}
                </label>
              ))}
            </fieldset>
            <Field htmlFor="commit-timeout" label="Timeout (minutes)" hint="0–1,440; 0 = at once">
              <Input
                id="commit-timeout"
                type="number"
                min={0}
                max={1440}
                disabled={value.commitPolicy === 'manual'}
                value={value.commitTimeoutMinutes}
                onChange={(e) => set({ commitTimeoutMinutes: Math.min(1440, Math.max(0, Math.round(Number(e.target.value) || 0))) })}
              />
            </Field>
          </div>
        </fieldset>
      )}
    </div>
  );
}
