import { ValidationError } from '../errors';
import type { Language } from '../policy/language';
import type * as z from '../zod';
import { INTAKE_TEXT } from './i18n';

/**
 * Runs a submission schema and turns its issues into one readable message per field. `lang` words the
 * summary, unknown fields and any issue the schema leaves unworded; build the schema in the same language.
 */
export function parseSubmission<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  lang: Language = 'en',
): z.output<S> {
  const text = INTAKE_TEXT[lang];
  const otherwise = text.otherwise;
  const result = schema.safeParse(input, otherwise === null ? {} : { error: () => otherwise });
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    fields[path] ??= issue.code === 'unrecognized_keys' ? text.unknownFields(issue.keys) : issue.message;
  }
  throw new ValidationError(text.summary, fields);
}
