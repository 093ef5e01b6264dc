/**
 * Some erasure is a decision, not a rule: journal entries are no GDPR Art. 17 matter (the journal duty
 * keeps the record), and whether they are erased on request is decided by the responsible health
 * personnel (helsepersonelloven §§ 43–44); a member's data cannot be erased while the membership contract
 * runs (Art. 17(1)(a)), which only staff can see in the membership system. A retention rule with
 * `erasureDecision` marks such data. An erasure request then asks staff, in that system's manual-action
 * task, what was decided; the answer tells the requester the outcome and the law it rests on, instead of
 * "kept" or "erased" as if the period alone decided it.
 */
import { ValidationError } from '../errors';
import type { LocalizedText, PolicyDocument, RequestType, RetentionRule } from '../policy/schema';

export type ErasureDecisionRule = RetentionRule & {
  readonly erasureDecision: NonNullable<RetentionRule['erasureDecision']>;
};

/** What staff recorded: the data was erased, or it stays (the rule's `whenKept` says why). */
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
      `Record what was decided: erasure here is decided under ${rule.erasureDecision.legalReference.citation.en}`,
      { erasureOutcome: 'Choose "erased" or "kept"' },
    );
  if (rule === undefined && outcome !== undefined)
    throw new ValidationError('No retention rule asks for an erasure decision in this system', {
      erasureOutcome: 'Only for an erasure request in a system whose data is erased by decision',
    });
}

/** The answer's line for the system, with the law: what was decided, and why the data stays if it does. */
export function erasureOutcomeText(rule: ErasureDecisionRule, outcome: ErasureOutcome): LocalizedText {
  const { legalReference, whenKept } = rule.erasureDecision;
  const citation = legalReference.citation;
  return outcome === 'erased'
    ? {
        nb: `Forespørselen din er vurdert etter ${citation.nb}, og opplysningene er slettet.`,
        en: `Your request was considered under ${citation.en}, and the information has been erased.`,
      }
    : {
        nb: `Forespørselen din er vurdert etter ${citation.nb}, og opplysningene blir stående: ${whenKept.nb}`,
        en: `Your request was considered under ${citation.en}, and the information stays: ${whenKept.en}`,
      };
}
