'use client';

import { useActionState, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Select, Textarea } from '@/components/ui/field';
import type { ServiceRequestDto } from '@/lib/domain/staff/dto';
import { FormMessage } from './form-message';
import { INITIAL_FORM_STATE, fieldError, valueOf, type FormState } from './form-state';
import { describeChange } from './resource-change';

type Props = {
  request: ServiceRequestDto;
  staff: { id: string; name: string; email: string }[];
  meId: string;
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
};

/**
 * Staff work on one request: who owns it, and its next status with a note. Resolving a
 * resource request changes the vDC, so it is confirmed with the change spelled out.
 */
export function RequestWorkPanel({ request, staff, meId, action }: Props) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  const formRef = useRef<HTMLFormElement>(null);
  const statusRef = useRef<HTMLInputElement>(null);
  const [confirmResolve, setConfirmResolve] = useState(false);
  const closed = request.status === 'resolved' || request.status === 'cancelled';

  const submitWith = (status: string) => {
    if (statusRef.current) statusRef.current.value = status;
    formRef.current?.requestSubmit();
  };

  if (closed) return <p className="text-sm text-slate-600 dark:text-slate-400">This request is {request.status}. Comments stay open for the record.</p>;

  // The confirmation sits outside the form: it holds a <form method="dialog"> of its own.
  return (
    <>
      <form ref={formRef} action={formAction} className="space-y-4" noValidate key={state.ok ? state.at : 'work'}>
        <input ref={statusRef} type="hidden" name="status" defaultValue="" />
        <Field htmlFor="req-assignee" label="Assigned to" error={fieldError(state, 'assignedTo')}>
          <Select id="req-assignee" name="assignedTo" defaultValue={valueOf(state, 'assignedTo', request.assignedTo)}>
            <option value="">Unassigned</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id === meId ? `Me (${s.name})` : s.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field htmlFor="req-note" label="Note (optional)" hint="Posted to the client as a comment with the change." error={fieldError(state, 'note')}>
          <Textarea id="req-note" name="note" rows={3} defaultValue={valueOf(state, 'note')} />
        </Field>
        <FormMessage state={state} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="submit" pending={pending} onClick={() => statusRef.current && (statusRef.current.value = '')}>
            Save
          </Button>
          {request.status === 'open' && (
            <Button pending={pending} icon="refresh" onClick={() => submitWith('in-progress')}>
              Start work
            </Button>
          )}
          <Button variant="ghost" disabled={pending} onClick={() => submitWith('cancelled')}>
            Cancel request
          </Button>
          <Button variant="primary" icon="checkCircle" disabled={pending} onClick={() => (request.change ? setConfirmResolve(true) : submitWith('resolved'))}>
            Resolve
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={confirmResolve}
        onOpenChange={setConfirmResolve}
        title="Resolve and apply the change?"
        description={`${request.vdcName ?? request.vdcId}: ${describeChange(request.change)}. The allocation and the dedicated volume change now, audited against this request.`}
        confirmLabel="Resolve and apply"
        onConfirm={() => submitWith('resolved')}
      />
    </>
  );
}
