import { DomainError, ValidationError } from '@/lib/core/errors';
import type { FormState } from '@/components/staff/form-state';

/**
 * Runs a server action's use case and turns expected failures (validation, conflicts,
 * refusals) into form state. Anything else is a bug: rethrown to the error boundary.
 * Pass the FormData to hand the submitted values back with a failure (see FormState.values).
 */
export async function runAction(work: () => Promise<string | void> | string | void, formData?: FormData): Promise<FormState> {
  try {
    const message = await work();
    return { ok: true, message: message || undefined, at: Date.now() };
  } catch (error) {
    if (error instanceof ValidationError) {
      return {
        ok: false,
        message: 'Check the highlighted fields.',
        errors: Object.fromEntries(error.errors.map((e) => [e.field, e.message])),
        at: Date.now(),
        values: formData && formObject(formData),
      };
    }
    if (error instanceof DomainError) {
      const field = typeof error.extra.field === 'string' ? error.extra.field : undefined;
      return { ok: false, message: error.message, errors: field ? { [field]: error.message } : undefined, at: Date.now(), values: formData && formObject(formData) };
    }
    throw error;
  }
}

/** FormData as a plain object for zod; the schemas treat "" as absent. */
export function formObject(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === 'string' && !key.startsWith('$ACTION')) out[key] = value;
  return out;
}
