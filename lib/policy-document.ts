import { readFileSync } from 'node:fs';
import type { PolicyDocument } from '../lambdas/domain/policy/schema';
import { validatePolicy } from '../lambdas/domain/policy/validate';
import { repoRoot } from './paths';

/**
 * Reads and validates a policy document at synth time, as `PolicyService` does before bundling it: an
 * invalid policy must never reach a deploy. `policyFile` is relative to the repository root.
 */
export function loadPolicyDocument(policyFile: string): PolicyDocument {
  const result = validatePolicy(JSON.parse(readFileSync(`${repoRoot}/${policyFile}`, 'utf8')));
  if (!result.ok) {
    throw new Error(`${policyFile} is not a valid policy document:\n  ${result.issues.join('\n  ')}`);
  }
  return result.policy;
}
