'use client';

import { Field, Input } from '@/components/ui/field';
import type { CommitPolicy } from '@/lib/schemas/operation-limits';

type Value = { commitPolicy: CommitPolicy; commitTimeoutMinutes: number };
type Props = {
  /** Prefix of the ids and of the radio group's name, unique on the page. */
  idPrefix: string;
  value: Value;
  onChange: (patch: Partial<Value>) => void;
  /** What each policy does, in the words of the wizard it sits in (one group or a whole run). */
  labels: Record<CommitPolicy, string>;
};

const POLICIES: readonly CommitPolicy[] = ['manual', 'auto-commit', 'auto-rollback'];

/** The commit policy of a live operation and its timeout, shared by the single-group and the run wizards. */
export function CommitPolicyFields({ idPrefix, value, onChange, labels }: Props) {
  const timeoutId = `${idPrefix}commit-timeout`;
  return (
    <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_10rem]">
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium">Commit policy</legend>
        {POLICIES.map((policy) => (
          <label key={policy} className="flex items-center gap-2">
            <input type="radio" name={`${idPrefix}commit-policy`} checked={value.commitPolicy === policy} onChange={() => onChange({ commitPolicy: policy })} />
            {labels[policy]}
          </label>
        ))}
      </fieldset>
      <Field htmlFor={timeoutId} label="Timeout (minutes)" hint="0–1,440; 0 = at once">
        <Input
          id={timeoutId}
          type="number"
          min={0}
          max={1440}
          aria-describedby={`${timeoutId}-hint`}
          disabled={value.commitPolicy === 'manual'}
          value={value.commitTimeoutMinutes}
          onChange={(e) => onChange({ commitTimeoutMinutes: Math.min(1440, Math.max(0, Math.round(Number(e.target.value) || 0))) })}
        />
      </Field>
    </div>
  );
}
