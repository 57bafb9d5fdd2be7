'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input, Select, Textarea } from '@/components/ui/field';
import { FormMessage } from './form-message';
import { INITIAL_FORM_STATE, fieldError, valueOf, type FormState } from './form-state';

type Props = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  sites: { id: string; name: string }[];
};

/** <input type="datetime-local"> holds a zone-less time; the service schedules in UTC. */
const toIsoUtc = (local: string) => (local ? `${local}:00Z` : '');

/** Schedule a window at one site or for the whole service; times are entered in UTC. */
export function MaintenanceForm({ action, sites }: Props) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const err = (f: string) => fieldError(state, f);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="startsAt" value={toIsoUtc(startsAt)} />
      <input type="hidden" name="endsAt" value={toIsoUtc(endsAt)} />
      <Field htmlFor="mw-site" label="Scope" error={err('siteId')}>
        <Select id="mw-site" name="siteId" defaultValue={valueOf(state, 'siteId')}>
          <option value="">Whole service (all sites)</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field htmlFor="mw-start" label="Starts (UTC)" error={err('startsAt')}>
          <Input id="mw-start" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} aria-invalid={err('startsAt') ? true : undefined} />
        </Field>
        <Field htmlFor="mw-end" label="Ends (UTC)" error={err('endsAt')}>
          <Input id="mw-end" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} aria-invalid={err('endsAt') ? true : undefined} />
        </Field>
      </div>
      <Field htmlFor="mw-description" label="What and why" error={err('description')} hint="Clients see this on their dashboard.">
        <Textarea id="mw-description" name="description" rows={2} defaultValue={valueOf(state, 'description')} placeholder="Storage controller firmware upgrade" aria-invalid={err('description') ? true : undefined} />
      </Field>
      <p className="text-xs text-slate-500 dark:text-slate-400">Time inside a window is excluded from measured availability.</p>
      <FormMessage
        state={state}
        onSuccess={() => {
          setStartsAt('');
          setEndsAt('');
        }}
      />
      <div className="flex justify-end">
        <Button type="submit" variant="primary" icon="wrench" pending={pending}>
          Schedule
        </Button>
      </div>
    </form>
  );
}
