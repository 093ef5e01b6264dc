/**
 * What a guardian gets from the data a child's or young person's own say covers. In health care, a
 * 16–17-year-old holds the rights to their journal themselves (pasient- og brukerrettighetsloven §§ 3-4,
 * 4-3, 5-1), and information is not given to the parents of a 12–15-year-old who, for reasons that should
 * be respected, does not want it (§ 3-4 second paragraph). The policy's `own-rights` and `child-view`
 * rules name the categories; at the identity check staff record the young person's consent or the
 * child's view, and every planned system holding those categories is withheld from the answer. Withholding
 * is the default for own rights: without a recorded consent, the guardian does not get the journal.
 */
import { ValidationError } from '../errors';
import type { LocalizedText, MinorsSayRule, PolicyDocument, PolicySystem } from '../policy/schema';
import type { IdentityCheckReason } from './plan';

/** What staff record about the child's say when they approve a guardian's identity check. */
export interface MinorsAnswer {
  /** 16–17: the young person consents to the guardian getting what the rule covers. */
  readonly youngPersonConsent?: true;
  /** 12–15: whether the child objects, for reasons that should be respected, to the guardian getting it. */
  readonly childView?: 'no-objection' | 'objects';
}

/** A rule that keeps systems back from the guardian's answer. */
export interface Withholding {
  readonly rule: MinorsSayRule;
  readonly systems: readonly string[];
}

/** The own-rights and child-view rules among an identity check's reasons. */
export function minorsRules(
  policy: PolicyDocument,
  reasons: readonly IdentityCheckReason[],
): MinorsSayRule[] {
  const ids = new Set(reasons.flatMap((reason) => (reason.kind === 'age-rule' ? [reason.ruleId] : [])));
  return policy.ageRules.filter(
    (rule): rule is MinorsSayRule => rule.kind !== 'guardian-consent' && ids.has(rule.id),
  );
}

/**
 * Refuses an approval that leaves the child's say unrecorded (a child-view rule needs the child's view)
 * or records one that no rule asks for, before anything is written.
 */
export function checkMinorsAnswer(rules: readonly MinorsSayRule[], answer: MinorsAnswer): void {
  const childView = rules.find((rule) => rule.kind === 'child-view');
  if (childView !== undefined && answer.childView === undefined)
    throw new ValidationError(
      `Record the child's view before approving: from ${childView.fromAge} to ${childView.belowAge - 1}, a child who for reasons that should be respected does not want the guardian to have this information keeps it from them (${childView.legalReference.citation.en})`,
      { childView: 'Choose "no-objection" or "objects"' },
    );
  if (childView === undefined && answer.childView !== undefined)
    throw new ValidationError("No age rule asks for the child's view on this request", {
      childView: 'Only for a guardian asking about a child the policy says must be heard',
    });
  if (answer.youngPersonConsent !== undefined && !rules.some((rule) => rule.kind === 'own-rights'))
    throw new ValidationError("No age rule asks for the young person's consent on this request", {
      youngPersonConsent: 'Only for a guardian asking about a young person with their own rights',
    });
}

/** The planned systems each rule keeps back, given what staff recorded. */
export function withholdings(
  policy: PolicyDocument,
  plannedSystems: readonly string[],
  rules: readonly MinorsSayRule[],
  answer: MinorsAnswer,
): Withholding[] {
  return rules.flatMap((rule) => {
    const withheld =
      rule.kind === 'own-rights' ? answer.youngPersonConsent !== true : answer.childView === 'objects';
    if (!withheld) return [];
    const systems = systemsUnderRule(policy, plannedSystems, rule).map((s) => s.id);
    return systems.length === 0 ? [] : [{ rule, systems }];
  });
}

/** The planned systems holding what the rule covers: those it keeps from the guardian when it applies. */
export function systemsUnderRule(
  policy: PolicyDocument,
  plannedSystems: readonly string[],
  rule: MinorsSayRule,
): PolicySystem[] {
  return policy.systems.filter(
    (s) => plannedSystems.includes(s.id) && s.categories.some((c) => rule.categories.includes(c)),
  );
}

/** Why a system is missing from a guardian's answer: told to the guardian, with the law it rests on. */
export function withheldExplanation(rule: MinorsSayRule): LocalizedText {
  const citation = rule.legalReference.citation;
  return rule.kind === 'own-rights'
    ? {
        nb: `Holdt tilbake: fra ${rule.fromAge} år har den unge selv rett til disse opplysningene, og vi har ikke samtykke fra den unge til å gi dem til deg (${citation.nb}). Det du trenger for å ivareta foreldreansvaret, kan du likevel få: kontakt oss.`,
        en: `Withheld: from ${rule.fromAge}, the young person holds the right to this information themselves, and we do not have their consent to give it to you (${citation.en}). What you need to exercise parental responsibility you can still have: contact us.`,
      }
    : {
        nb: `Holdt tilbake: barnet har grunner som bør respekteres for ikke å ønske at disse opplysningene gis til foreldrene (${citation.nb}). Det du trenger for å ivareta foreldreansvaret, kan du likevel få: kontakt oss.`,
        en: `Withheld: the child has reasons that should be respected for not wanting this information given to their parents (${citation.en}). What you need to exercise parental responsibility you can still have: contact us.`,
      };
}
