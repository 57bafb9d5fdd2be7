'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Textarea } from '@/components/ui/field';
import { FormMessage } from './form-message';
import { INITIAL_FORM_STATE, fieldError, valueOf, type FormState } from './form-state';

/** Adds a comment to a service request; the form clears itself once posted. */
export function CommentForm({ action }: { action: (prev: FormState, formData: FormData) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="space-y-3" key={state.ok ? state.at : 'comment'} noValidate>
      <Field htmlFor="comment-body" label="Add a comment" error={fieldError(state, 'body')}>
        <Textarea id="comment-body" name="body" rows={3} defaultValue={valueOf(state, 'body')} />
      </Field>
      <FormMessage state={state} />
      <div className="flex justify-end">
        <Button type="submit" pending={pending}>
          Post comment
        </Button>
      </div>
    </form>
  );
}
