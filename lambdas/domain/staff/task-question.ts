/**
 * A question a task's decision must answer besides approve or reject, worded for the console: the child's
 * say on a guardian's identity check (workflow/minors.ts), or the outcome of an erasure that is decided in
 * the system, such as the journal's by the health personnel (workflow/erasure-decision.ts). The console shows the choices as radio buttons and posts
 * the chosen value under `field`.
 */
import type { ErasureDecisionRule } from '../workflow/erasure-decision';
import { each, type Words } from './words';

export interface TaskQuestion {
  /**
   * `youngPersonConsent`: "consent" posts `true`, "withheld" (checked at first) leaves it out.
   * `childView` and `erasureOutcome`: the value is posted as it is, and one must be chosen.
   */
  readonly field: 'youngPersonConsent' | 'childView' | 'erasureOutcome';
  readonly legend: Words;
  /** Why the question is asked, with the law, when the choices alone do not say it. */
  readonly intro?: Words;
  readonly choices: readonly { readonly value: string; readonly label: Words }[];
}

/** The manual-action task of an erasure request where erasing is decided in the system: what was decided. */
export function erasureDecisionQuestion(rule: ErasureDecisionRule, systemName: string): TaskQuestion {
  const description = rule.erasureDecision.description;
  const citation = rule.erasureDecision.legalReference.citation;
  return {
    field: 'erasureOutcome',
    legend: each((lang) =>
      lang === 'nb'
        ? `Avgjørelsen om sletting i ${systemName} (${citation.nb})`
        : `The decision on erasure in ${systemName} (${citation.en})`,
    ),
    intro: description,
    choices: [
      {
        value: 'erased',
        label: each((lang) =>
          lang === 'nb'
            ? `Opplysningene er slettet i ${systemName}`
            : `The information was erased in ${systemName}`,
        ),
      },
      {
        value: 'kept',
        label: each((lang) =>
          lang === 'nb'
            ? `Opplysningene blir stående. Svaret sier: «${rule.erasureDecision.whenKept.nb}»`
            : `The information stays. The answer says: “${rule.erasureDecision.whenKept.en}”`,
        ),
      },
    ],
  };
}
