import type * as z from 'zod';
import { ValidationError } from '../errors';

/** Runs a submission schema and turns its issues into one readable message per field. */
export function parseSubmission<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    fields[path] ??=
      issue.code === 'unrecognized_keys' ? `Unknown fields: ${issue.keys.join(', ')}` : issue.message;
  }
  throw new ValidationError('Some fields need another look', fields);
}
