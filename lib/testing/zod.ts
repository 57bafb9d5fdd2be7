import type { z } from 'zod';

/**
 * What a schema says about an input, the way an API client reads it in a 400: one
 * "path: message" per problem ("" path for the value itself). [] when the input is accepted.
 */
export function issuesOf(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}
