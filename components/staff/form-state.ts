/**
 * What a server action of the console hands back to its form: expected failures as a message
 * and per-field errors (conventions: unexpected errors go to error.tsx instead).
 */
export type FormState = {
  ok: boolean;
  message?: string;
  /** Field name (as in the zod schema, e.g. `change.storageGb`) → why it was refused. */
  errors?: Record<string, string>;
  /** Changes on every submit, so a form can react to a repeated identical result. */
  at?: number;
  /**
   * What was submitted, on failure only. React resets a form after its action runs; fields
   * whose defaultValue reads from here come back as typed instead of blank.
   */
  values?: Record<string, string>;
};

export const INITIAL_FORM_STATE: FormState = { ok: false };

/** The error for one field, for <Field error={...}>. */
export function fieldError(state: FormState, field: string): string | null {
  return state.errors?.[field] ?? null;
}

/** The submitted value after a failed attempt, else the field's starting value. */
export function valueOf(state: FormState, field: string, fallback: string | number | null | undefined = ''): string {
  return state.values?.[field] ?? (fallback == null ? '' : String(fallback));
}
