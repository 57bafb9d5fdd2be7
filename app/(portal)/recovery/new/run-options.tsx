'use client';

import { CommitPolicyFields } from '@/components/operations/commit-policy-fields';
import { Field, Input, Textarea } from '@/components/ui/field';
import { SHUTDOWN_GRACE_SECONDS } from '@/lib/schemas/operation-limits';
import type { RunType } from '@/lib/schemas/recovery-runs';
import type { RunOptions } from './run-wizard-state';

type Props = { type: RunType; value: RunOptions; onChange: (o: RunOptions) => void; sourceDown: boolean };

/** The live options for every group of the run (as the single-group wizard's), and the reason kept with the run. */
export function RunOptionsStep({ type, value, onChange, sourceDown }: Props) {
  const set = (patch: Partial<RunOptions>) => onChange({ ...value, ...patch });
  const { min, max } = SHUTDOWN_GRACE_SECONDS;
  return (
    <div className="space-y-5">
      {type === 'test-failover' ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          A test boots copies of each group&apos;s VMs on its test network, in each group&apos;s boot order; production keeps running and replicating. Stop all the tests together from the run&apos;s page with one result.
        </p>
      ) : (
        <fieldset className="space-y-4">
          <legend className="sr-only">Options for every group of the run</legend>
          <fieldset className="space-y-1 text-sm" data-testid="run-source-shutdown">
            <legend className="font-medium">Source VMs</legend>
            {sourceDown && <p className="text-xs text-slate-500 dark:text-slate-400">A source site is offline: its VMs cannot be shut down, and the failover still works.</p>}
            {type === 'failover' ? (
              <>
                <label className="flex items-center gap-2">
                  <input type="radio" name="run-shutdown" checked={!value.shutdownSource} onChange={() => set({ shutdownSource: false })} />
                  Leave them running (two copies may run at once)
                </label>
                <label className="flex items-center gap-2">
                  <input type="radio" name="run-shutdown" checked={value.shutdownSource} onChange={() => set({ shutdownSource: true })} />
                  Shut down gracefully, then force off any still running
                </label>
              </>
            ) : (
              <p className="text-slate-600 dark:text-slate-400">A move always shuts the source VMs down and syncs the last writes first: no data is lost.</p>
            )}
            <Field htmlFor="run-grace" label="Grace period (seconds)" hint={`${min}–${max.toLocaleString('en-GB')} s before a forced power-off`} className="max-w-xs pt-1">
              <Input
                id="run-grace"
                type="number"
                min={min}
                max={max}
                aria-describedby="run-grace-hint"
                disabled={!value.shutdownSource && type === 'failover'}
                value={value.shutdownGraceSeconds}
                onChange={(e) => set({ shutdownGraceSeconds: Math.round(Number(e.target.value) || 0) })}
                onBlur={() => set({ shutdownGraceSeconds: Math.min(max, Math.max(min, value.shutdownGraceSeconds)) })}
              />
            </Field>
          </fieldset>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-1" checked={value.reverseProtection} onChange={(e) => set({ reverseProtection: e.target.checked })} />
            <span>
              <span className="font-medium">Reverse protection</span>
              <span className="block text-xs text-slate-500 dark:text-slate-400" data-testid="run-reverse-consequence">
                {value.reverseProtection
                  ? 'After the commit each group replicates back to the site it came from, ready for a failback (once that site is back).'
                  : 'After the commit the groups are failed over and do not replicate: nothing protects the recovered VMs until each group is configured again.'}
              </span>
            </span>
          </label>
          <CommitPolicyFields
            idPrefix="run-"
            value={value}
            onChange={set}
            labels={{
              manual: 'Manual: wait for someone to commit or roll back the run (recommended)',
              'auto-commit': 'Auto-commit each group after the timeout',
              'auto-rollback': 'Auto-rollback each group after the timeout (a rehearsal)',
            }}
          />
        </fieldset>
      )}
      <Field htmlFor="run-reason" label="Reason" hint="Why this run: kept with the run and in the audit trail (up to 500 characters).">
        <Textarea id="run-reason" aria-describedby="run-reason-hint" maxLength={500} value={value.reason} onChange={(e) => set({ reason: e.target.value })} />
      </Field>
    </div>
  );
}
