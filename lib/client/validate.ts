// Inline form validation with the same zod schemas the API uses.
import 'client-only';
import type { z } from 'zod';
import type { FieldErrors } from './api';

/** The parsed value, or the first message for each field. */
export function validate<T>(schema: z.ZodType<T>, values: unknown): { data: T; errors: null } | { data: null; errors: FieldErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { data: result.data, errors: null };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.');
    errors[key] ??= issue.message;
  }
  return { data: null, errors };
}
