/**
 * Erasure of journal entries is no GDPR Art. 17 matter: the journal duty keeps the record, and whether
 * entries are erased on request is decided by the responsible health personnel (helsepersonelloven
 * §§ 43–44). A retention rule with `erasureDecision` marks such data. An erasure request then asks staff,
 * in that system's manual-action task, what was decided; the answer tells the requester the outcome and
 * the law it rests on, instead of "kept" as if the period alone decided it.
 */
import { ValidationError } from '../errors';
import type { LocalizedText, PolicyDocument, RequestType, RetentionRule } from '../policy/schema';

export type ErasureDecisionRule = RetentionRule & {
  readonly erasureDecision: NonNullable<RetentionRule['erasureDecision']>;
};

/** What staff recorded: the responsible health personnel erased the entries asked for, or kept them. */
export type ErasureOutcome = 'erased' | 'kept';

/** The rule whose data in this system is erased only by a staff decision, if any. */
export function erasureDecisionRule(
  policy: PolicyDocument,
  systemId: string,
): ErasureDecisionRule | undefined {
  const system = policy.systems.find((s) => s.id === systemId);
  if (system === undefined) return undefined;
  return policy.retention.find(
    (rule): rule is ErasureDecisionRule =>
      rule.erasureDecision !== undefined &&
      (rule.systems?.includes(systemId) ??
        rule.categories.some((category) => system.categories.includes(category))),
  );
}

/** The rule an erasure request's task in this system asks staff to decide under; none for other types. */
export function erasureDecisionFor(
  policy: PolicyDocument,
  type: RequestType,
  systemId: string | undefined,
): ErasureDecisionRule | undefined {
  return type === 'erasure' && systemId !== undefined ? erasureDecisionRule(policy, systemId) : undefined;
}

/** Refuses a task decision without the outcome where a rule asks for it, or with one where none does. */
export function checkErasureOutcome(
  rule: ErasureDecisionRule | undefined,
  outcome: ErasureOutcome | undefined,
): void {
  if (rule !== undefined && outcome === undefined)
    throw new ValidationError(
      `Record what the responsible health personnel decided: erasure here is decided under ${rule.erasureDecision.legalReference.citation.en}`,
      { journalErasure: 'Choose "erased" or "kept"' },
    );
  if (rule === undefined && outcome !== undefined)
    throw new ValidationError('No retention rule asks for an erasure decision in this system', {
      journalErasure: 'Only for an erasure request in a system whose data is erased by decision',
    });
}

/** The answer's line for the system, with the law: what was decided, and where to go from there. */
export function erasureOutcomeText(rule: ErasureDecisionRule, outcome: ErasureOutcome): LocalizedText {
  const citation = rule.erasureDecision.legalReference.citation;
  return outcome === 'erased'
    ? {
        nb: `Den ansvarlige behandleren har vurdert forespørselen din etter ${citation.nb} og slettet opplysningene du ba om.`,
        en: `The responsible practitioner has considered your request under ${citation.en} and erased the information you asked about.`,
      }
    : {
        nb: `Den ansvarlige behandleren har vurdert forespørselen din etter ${citation.nb} og kommet til at opplysningene må stå i journalen. Kontakt oss hvis du vil vite mer om vurderingen.`,
        en: `The responsible practitioner has considered your request under ${citation.en} and concluded that the information must stay in the record. Contact us if you want to know more about the assessment.`,
      };
}
