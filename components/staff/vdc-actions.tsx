'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Input } from '@/components/ui/field';
import type { VdcDto } from '@/lib/domain/staff/dto';
import { FormDialog } from '@/components/ui/form-dialog';
import { FormMessage } from './form-message';
import { INITIAL_FORM_STATE, fieldError, valueOf, type FormState } from './form-state';
import { useFormStateAction } from './use-form-state-action';
import { VdcResourceFields } from './vdc-fields';

type Props = {
  vdc: VdcDto;
  resize: (prev: FormState, formData: FormData) => Promise<FormState>;
  remove: () => Promise<FormState>;
};

/** Resize or remove one vDC; removal is refused by the domain while anything relies on it. */
export function VdcActions({ vdc, resize, remove }: Props) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { run } = useFormStateAction();
  return (
    <div className="flex justify-end gap-1">
      <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
        Resize
      </Button>
      <Button size="sm" variant="ghost" className="text-red-700! dark:text-red-400!" onClick={() => setConfirming(true)}>
        Remove
      </Button>
      <FormDialog open={editing} onClose={() => setEditing(false)} title={`Resize ${vdc.name}`}>
        <ResizeForm vdc={vdc} action={resize} onDone={() => setEditing(false)} />
      </FormDialog>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        tone="danger"
        title={`Remove ${vdc.name}?`}
        description="Its reserved resources return to the site. Refused while VMs run in it, groups replicate into it or a service request refers to it."
        confirmLabel="Remove vDC"
        onConfirm={() => run(remove, { failed: 'vDC not removed', done: 'vDC removed' })}
      />
    </div>
  );
}

function ResizeForm({ vdc, action, onDone }: { vdc: VdcDto; action: Props['resize']; onDone: () => void }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <Field htmlFor={`vdc-${vdc.id}-name`} label="Name" error={fieldError(state, 'name')}>
        <Input id={`vdc-${vdc.id}-name`} name="name" defaultValue={valueOf(state, 'name', vdc.name)} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <VdcResourceFields idPrefix={`vdc-${vdc.id}`} state={state} values={vdc} />
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Client-requested changes go through a service request, so the client sees the record; use this for provider corrections.
      </p>
      <FormMessage state={state} onSuccess={onDone} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" pending={pending}>
          Save
        </Button>
      </div>
    </form>
  );
}
