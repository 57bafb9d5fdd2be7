/**
 * What a portal server action hands back for an expected failure (validation, conflict,
 * refusal): a message and, for validation, the error of each field by its schema path
 * ("testNetwork.mappings.0.gateway"). Unexpected errors are thrown to the error boundary.
 */
export type ActionResult = { ok: true; message?: string } | { ok: false; message: string; errors?: Record<string, string> };

/** The error for one field (exact path), for <Field error={...}>. */
export function fieldError(result: ActionResult | null | undefined, path: string): string | null {
  return (result && !result.ok && result.errors?.[path]) || null;
}

/** Errors under a path prefix that no field shows on its own (e.g. "recoveryPlan.bootGroups"). */
export function errorsUnder(result: ActionResult | null | undefined, prefix: string): string[] {
  if (!result || result.ok || !result.errors) return [];
  return Object.entries(result.errors)
    .filter(([k]) => k === prefix || k.startsWith(`${prefix}.`))
    .map(([, v]) => v);
}
