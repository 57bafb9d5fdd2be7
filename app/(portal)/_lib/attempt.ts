import type { ActionResult } from '@/components/portal/action-result';
import { DomainError, ValidationError, type FieldError } from '@/lib/core/errors';

/**
 * Runs a server action's use case and turns the domain's expected failures into an
 * ActionResult; anything else is a bug and goes to the error boundary.
 */
export async function attempt(work: () => Promise<string | void>): Promise<ActionResult> {
  try {
    const message = await work();
    return { ok: true, message: message || undefined };
  } catch (error) {
    if (error instanceof ValidationError) {
      return { ok: false, message: 'Check the highlighted fields.', errors: byField(error.errors) };
    }
    if (error instanceof DomainError) {
      // A conflict may name the field it is about (a taken group name).
      const fields = Array.isArray(error.extra.errors) ? byField(error.extra.errors as FieldError[]) : undefined;
      return { ok: false, message: error.message, errors: fields };
    }
    throw error;
  }
}

function byField(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  // The first message of a field is the one to fix first; later ones often follow from it.
  for (const e of errors) out[e.field] ??= e.message;
  return out;
}
