import { DomainError, ValidationError, type FieldError } from '@/lib/core/errors';

/**
 * What a server action hands back: fits both the portal's ActionResult and the console's
 * FormState. `at` changes on every submit so a form can react to a repeated identical result;
 * `values` (failures only, when the FormData is passed) hands the submitted values back so
 * fields come back as typed after React resets the form.
 */
export type ActionOutcome =
  | { ok: true; message?: string; at: number }
  | { ok: false; message: string; errors?: Record<string, string>; at: number; values?: Record<string, string> };

/**
 * Runs a server action's use case and turns the domain's expected failures (validation,
 * conflicts, refusals) into an outcome; anything else is a bug and goes to the error boundary.
 */
export async function runAction(work: () => Promise<string | void> | string | void, formData?: FormData): Promise<ActionOutcome> {
  try {
    const message = await work();
    return { ok: true, message: message || undefined, at: Date.now() };
  } catch (error) {
    const values = formData && formObject(formData);
    if (error instanceof ValidationError) {
      return { ok: false, message: 'Check the highlighted fields.', errors: byField(error.errors), at: Date.now(), values };
    }
    if (error instanceof DomainError) {
      return { ok: false, message: error.message, errors: fieldsOf(error), at: Date.now(), values };
    }
    throw error;
  }
}

/** A conflict or refusal may name the field it is about (a taken group name, a taken slug). */
function fieldsOf(error: DomainError): Record<string, string> | undefined {
  if (Array.isArray(error.extra.errors)) return byField(error.extra.errors as FieldError[]);
  if (typeof error.extra.field === 'string') return { [error.extra.field]: error.message };
  return undefined;
}

function byField(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  // The first message of a field is the one to fix first; later ones often follow from it.
  for (const e of errors) out[e.field] ??= e.message;
  return out;
}

/** FormData as a plain object for zod; the schemas treat "" as absent. */
export function formObject(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === 'string' && !key.startsWith('$ACTION')) out[key] = value;
  return out;
}
