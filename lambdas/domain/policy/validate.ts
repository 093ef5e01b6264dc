/**
 * Validates a policy document and reports problems as `path: problem` lines an operator can act on,
 * e.g. `controllers[1].orgNumber: 827118363 fails the mod-11 check`.
 */
import type * as z from 'zod';
import { type PolicyDocument, PolicyDocumentSchema } from './schema';

export type PolicyValidationResult = { ok: true; policy: PolicyDocument } | { ok: false; issues: string[] };

export class PolicyValidationError extends Error {
  override name = 'PolicyValidationError';
  readonly issues: string[];

  constructor(issues: string[], options?: ErrorOptions) {
    super(`The policy document is invalid:\n${issues.join('\n')}`, options);
    this.issues = issues;
  }
}

export function validatePolicy(input: unknown): PolicyValidationResult {
  const result = PolicyDocumentSchema.safeParse(input, {
    // A missing field reads better as "required" than as "expected string, received undefined".
    error: (issue) => (issue.input === undefined && issue.code === 'invalid_type' ? 'required' : undefined),
  });
  if (result.success) return { ok: true, policy: result.data };
  return { ok: false, issues: result.error.issues.map(formatIssue) };
}

/** For callers that cannot continue without a valid policy, such as a handler at cold start. */
export function parsePolicy(input: unknown): PolicyDocument {
  const result = validatePolicy(input);
  if (!result.ok) throw new PolicyValidationError(result.issues);
  return result.policy;
}

export function formatIssue(issue: z.core.$ZodIssue): string {
  const path = formatPath(issue.path);
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`
      : issue.message;
  return `${path === '' ? '(document)' : path}: ${message}`;
}

/** ['systems', 4, 'handling', 'connector'] → "systems[4].handling.connector". */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}
