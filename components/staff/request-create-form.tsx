'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input, Select, Textarea } from '@/components/ui/field';
import type { VdcDto } from '@/lib/domain/staff/dto';
import { formatReservation } from '@/lib/format-resources';
import { RESPONSE_TARGETS } from '@/lib/schemas/requests';
import { FormMessage } from './form-message';
import { INITIAL_FORM_STATE, fieldError, valueOf, type FormState } from './form-state';

type Props = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  vdcs: VdcDto[];
  siteName: Record<string, string>;
  /** Values to start from (e.g. "Request more" on the Resources page): kind, vdcId, title, description, amounts. */
  initial?: Record<string, string>;
};

const AMOUNTS = [
  { name: 'vcpuGhz', label: 'vCPU (GHz)' },
  { name: 'memoryGb', label: 'Memory (GB)' },
  { name: 'storageGb', label: 'Storage (GB)' },
  { name: 'guaranteedIops', label: 'Guaranteed IOPS' },
] as const;

/** Raise a service request: grow/shrink a vDC by amounts, or anything else, with a priority. */
export function RequestCreateForm({ action, vdcs, siteName, initial = {} }: Props) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  const [kind, setKind] = useState<'grow-resources' | 'shrink-resources' | 'other'>(
    initial.kind === 'shrink-resources' || initial.kind === 'other' ? initial.kind : 'grow-resources',
  );
  const err = (f: string) => fieldError(state, f);
  const resources = kind !== 'other';
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800 dark:text-slate-200">What do you need?</legend>
        <div className="flex flex-wrap gap-2">
          {(
            [
              ['grow-resources', 'Grow resources'],
              ['shrink-resources', 'Shrink resources'],
              ['other', 'Something else'],
            ] as const
          ).map(([value, label]) => (
            <label
              key={value}
              className="flex cursor-pointer items-center gap-2 rounded-md px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 has-checked:bg-sky-50 has-checked:ring-sky-600 dark:ring-slate-700 dark:has-checked:bg-sky-500/10"
            >
              <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field htmlFor="req-title" label="Title" error={err('title')} className="sm:col-span-2">
          <Input id="req-title" name="title" defaultValue={valueOf(state, 'title', initial.title)} placeholder="More memory for the SQL cluster" aria-invalid={err('title') ? true : undefined} />
        </Field>
        <Field htmlFor="req-priority" label="Priority" error={err('priority')}>
          <Select id="req-priority" name="priority" defaultValue={valueOf(state, 'priority', 'P3')}>
            {Object.entries(RESPONSE_TARGETS).map(([p, t]) => (
              <option key={p} value={p}>
                {p} · respond within {t.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {resources && (
        <div className="space-y-4 rounded-md border border-slate-200 p-4 dark:border-slate-800">
          <Field htmlFor="req-vdc" label="Virtual datacentre" error={err('vdcId')}>
            <Select id="req-vdc" name="vdcId" defaultValue={valueOf(state, 'vdcId', initial.vdcId)} aria-invalid={err('vdcId') ? true : undefined}>
              <option value="" disabled>
                Choose a vDC
              </option>
              {vdcs.map((v) => (
                <option key={v.id} value={v.id}>
                  {siteName[v.siteId] ?? v.siteId} {v.kind} — {formatReservation(v)}
                </option>
              ))}
            </Select>
          </Field>
          <div>
            <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">
              {kind === 'grow-resources' ? 'Add' : 'Remove'} — leave a resource empty to keep it as it is.
            </p>
            <div className="grid gap-3 sm:grid-cols-4">
              {AMOUNTS.map((a) => {
                const error = err(`change.${a.name}`);
                return (
                  <Field key={a.name} htmlFor={`req-${a.name}`} label={a.label} error={error}>
                    <Input id={`req-${a.name}`} name={a.name} defaultValue={valueOf(state, a.name, initial[a.name])} inputMode="decimal" aria-invalid={error ? true : undefined} />
                  </Field>
                );
              })}
            </div>
            {err('change') && <p className="mt-1 text-xs font-medium text-red-700 dark:text-red-400">{err('change')}</p>}
          </div>
        </div>
      )}
      <Field htmlFor="req-description" label="Details" error={err('description')} hint="Why, by when, anything the provider should know.">
        <Textarea id="req-description" name="description" rows={4} defaultValue={valueOf(state, 'description', initial.description)} aria-invalid={err('description') ? true : undefined} />
      </Field>
      <FormMessage state={state} />
      <div className="flex justify-end">
        <Button type="submit" variant="primary" icon="ticket" pending={pending}>
          Raise request
        </Button>
      </div>
    </form>
  );
}
