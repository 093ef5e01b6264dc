import { readFileSync } from 'node:fs';
import { formatFinding, type LintReport, lintPolicy } from '../lambdas/domain/policy/lint/lint';
import type { PolicyDocument } from '../lambdas/domain/policy/schema';
import { validatePolicy } from '../lambdas/domain/policy/validate';
import { repoRoot } from './paths';

/**
 * What synth does with the policy linter's findings (lambdas/domain/policy/lint/):
 * - `refuse`: a policy with lint errors fails synth, as an invalid one does;
 * - `report`: the errors are printed (with the number of warnings), and synth goes on.
 *
 * `refuse`, as issue 18 asks: `cdk synth` refuses a policy with errors. STERK's document lints clean since
 * it offers the general right to object (GDPR Art. 21(1), issue 18 item 3). `report` stays for a caller
 * that must read a document it knows to be wrong (a test, a migration), never for a deploy.
 */
export type PolicyLintAtSynth = 'refuse' | 'report';
export const POLICY_LINT_AT_SYNTH: PolicyLintAtSynth = 'refuse';

const reported = new Set<string>();

/**
 * Reads and validates a policy document at synth time, as `PolicyService` does before bundling it: an
 * invalid policy must never reach a deploy. `policyFile` is relative to the repository root. Then lints it:
 * see `POLICY_LINT_AT_SYNTH`.
 */
export function loadPolicyDocument(
  policyFile: string,
  { lint = POLICY_LINT_AT_SYNTH }: { lint?: PolicyLintAtSynth } = {},
): PolicyDocument {
  const result = validatePolicy(JSON.parse(readFileSync(`${repoRoot}/${policyFile}`, 'utf8')));
  if (!result.ok) {
    throw new Error(`${policyFile} is not a valid policy document:\n  ${result.issues.join('\n  ')}`);
  }
  const report = lintPolicy(result.policy);
  if (report.errors > 0 && lint === 'refuse') throw new Error(lintMessage(policyFile, report, 'refuses'));
  // Synth reads the document several times; one report per file is enough.
  if (report.errors > 0 && !reported.has(policyFile)) {
    reported.add(policyFile);
    console.warn(lintMessage(policyFile, report, 'reports'));
  }
  return result.policy;
}

function lintMessage(policyFile: string, report: LintReport, verb: 'refuses' | 'reports'): string {
  const errors = report.findings
    .filter((finding) => finding.severity === 'error')
    .map((finding) => formatFinding(finding, 'en'));
  const count = `${report.errors} error${report.errors === 1 ? '' : 's'}`;
  const head =
    verb === 'refuses'
      ? `${policyFile} breaks the law's rules for a privacy notice (${count}), so synth stops:`
      : `${policyFile}: the policy linter finds ${count} (reported only, as asked; synth itself refuses, see lib/policy-document.ts):`;
  return `${head}\n  ${errors.join('\n  ')}\n  and ${report.warnings} warnings; run npx personvern policy lint ${policyFile} for the full report`;
}
