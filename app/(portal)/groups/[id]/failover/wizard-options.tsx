'use client';

import type { NetworkSettings } from '@/lib/schemas/network';
import { CommitPolicyFields } from '@/components/operations/commit-policy-fields';
import { Field, Input } from '@/components/ui/field';
import type { FailoverContextDto } from '@/lib/domain/operations/failover-context';
import { formatDuration } from '@/lib/format';
import { SHUTDOWN_GRACE_SECONDS } from '@/lib/schemas/operation-limits';
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
          <SourceShutdown context={context} mode={mode} value={value} onChange={set} />
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
          <CommitPolicyFields
            idPrefix=""
            value={value}
            onChange={set}
            labels={{
              manual: 'Manual: wait for someone to commit or roll back',
              'auto-commit': 'Auto-commit after the timeout',
              'auto-rollback': 'Auto-rollback after the timeout (a rehearsal)',
            }}
          />
        </fieldset>
      )}
    </div>
  );
}

/**
 * How the source VMs stop: left running (failover only), or a graceful guest shutdown with the
 * ones still running after the grace period powered off. A move always shuts down.
 */
function SourceShutdown({ context, mode, value, onChange }: { context: FailoverContextDto; mode: WizardMode; value: LiveOptions; onChange: (o: Partial<LiveOptions>) => void }) {
  const { source } = context;
  const { min, max } = SHUTDOWN_GRACE_SECONDS;
  return (
    <fieldset className="space-y-1 text-sm" data-testid="source-shutdown">
      <legend className="font-medium">Source VMs at {source.name}</legend>
      {source.status === 'offline' && <p className="text-xs text-slate-500 dark:text-slate-400">{source.name} is offline: the shutdown will be skipped, the failover still works.</p>}
      {mode === 'failover' ? (
        <>
          <label className="flex items-center gap-2">
            <input type="radio" name="source-shutdown" checked={!value.shutdownSource} onChange={() => onChange({ shutdownSource: false })} />
            Leave them running (two copies may run at once)
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="source-shutdown" checked={value.shutdownSource} onChange={() => onChange({ shutdownSource: true })} />
            Shut down gracefully, then force off any still running
          </label>
        </>
      ) : (
        <p className="text-slate-600 dark:text-slate-400">A move always shuts the source VMs down and syncs the last writes first: no data is lost.</p>
      )}
      <Field htmlFor="shutdown-grace" label="Grace period (seconds)" hint={`${min}–${max.toLocaleString('en-GB')} s for the guests to shut down cleanly before a forced power-off`} className="max-w-xs pt-1">
        <Input
          id="shutdown-grace"
          type="number"
          min={min}
          max={max}
          aria-describedby="shutdown-grace-hint"
          disabled={!value.shutdownSource}
          value={value.shutdownGraceSeconds}
          onChange={(e) => onChange({ shutdownGraceSeconds: Math.round(Number(e.target.value) || 0) })}
          // Clamped when leaving the field, not per keystroke (typing 60 passes through 6).
          onBlur={() => onChange({ shutdownGraceSeconds: Math.min(max, Math.max(min, value.shutdownGraceSeconds)) })}
        />
      </Field>
    </fieldset>
  );
}
