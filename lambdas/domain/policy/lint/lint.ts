/**
 * `lintPolicy`: runs every rule (rules.ts) over a document the schema has accepted and returns the findings,
 * errors first, each group in rule order. Pure; the CLI (`personvern policy lint`) and synth print them.
 */
import type { PolicyDocument } from '../schema';
import type { LintFinding } from './finding';
import { RULES } from './rules';

export interface LintReport {
  readonly findings: readonly LintFinding[];
  readonly errors: number;
  readonly warnings: number;
}

export function lintPolicy(policy: PolicyDocument): LintReport {
  const all = RULES.flatMap((rule) =>
    rule.check(policy).map((found) => ({ rule: rule.id, reference: rule.reference, ...found })),
  );
  const findings = [
    ...all.filter((finding) => finding.severity === 'error'),
    ...all.filter((finding) => finding.severity === 'warning'),
  ];
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return { findings, errors, warnings: findings.length - errors };
}

export { formatFinding, type LintFinding, type LintRule, type Severity } from './finding';
export { RULES } from './rules';
