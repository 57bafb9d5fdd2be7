'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { FormMessage } from './form-message';
import { INITIAL_FORM_STATE, fieldError, valueOf, type FormState } from './form-state';
import { VdcResourceFields } from './vdc-fields';

type Props = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  sites: { id: string; name: string }[];
};

/** Adds a production or recovery vDC at a site; its dedicated SSD volume follows. */
export function VdcCreateForm({ action, sites }: Props) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="space-y-4" noValidate key={state.ok ? state.at : 'form'}>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field htmlFor="vdc-site" label="Site" error={fieldError(state, 'siteId')}>
          <Select id="vdc-site" name="siteId" defaultValue={valueOf(state, 'siteId')}>
            <option value="" disabled>
              Choose a site
            </option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field htmlFor="vdc-kind" label="Kind" error={fieldError(state, 'kind')}>
          <Select id="vdc-kind" name="kind" defaultValue={valueOf(state, 'kind', 'production')}>
            <option value="production">Production</option>
            <option value="recovery">Recovery (failover reservation)</option>
          </Select>
        </Field>
        <Field htmlFor="vdc-name" label="Name (optional)" error={fieldError(state, 'name')}>
          <Input id="vdc-name" name="name" defaultValue={valueOf(state, 'name')} placeholder="Named after tenant, kind and site" />
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-4">
        <VdcResourceFields idPrefix="vdc-new" state={state} />
      </div>
      <FormMessage state={state} />
      <div className="flex justify-end">
        <Button type="submit" variant="primary" icon="server" pending={pending}>
          Add vDC
        </Button>
      </div>
    </form>
  );
}
