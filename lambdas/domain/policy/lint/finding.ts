/**
 * What the policy linter reports: one finding per problem, with the rule that found it, the law it rests on,
 * where in the document it is, how serious it is and what to do, in both languages.
 *
 * Errors are what the law requires of the notice and is missing or wrong; warnings are what a person must
 * check (an assumption to confirm, a processor without a stated agreement). Errors make `personvern policy
 * lint` exit non-zero.
 */
import type { Language } from '../language';
import type { LocalizedText, PolicyDocument } from '../schema';

export type Severity = 'error' | 'warning';

export interface LintFinding {
  /** The rule's id, e.g. `tracker-consent`. */
  readonly rule: string;
  /** The legal provisions the rule rests on, e.g. "ekomloven § 3-15; GDPR Art. 6(1)(a)". */
  readonly reference: string;
  /** A dotted path, by id where there is one: `systems.facebook-pixel.legalBasis` (schema.ts `resolvePolicyPath`). */
  readonly path: string;
  readonly severity: Severity;
  readonly message: LocalizedText;
}

export interface LintRule {
  readonly id: string;
  readonly reference: string;
  /** One line on what the rule checks, for `--rules` and the documentation. */
  readonly checks: string;
  readonly check: (policy: PolicyDocument) => Omit<LintFinding, 'rule' | 'reference'>[];
}

/** `systems.facebook-pixel.legalBasis: tracker on legitimate interest; … (error) [tracker-consent: ekomloven § 3-15]`. */
export function formatFinding(finding: LintFinding, lang: Language): string {
  return `${finding.path}: ${finding.message[lang]} (${finding.severity}) [${finding.rule}: ${finding.reference}]`;
}
