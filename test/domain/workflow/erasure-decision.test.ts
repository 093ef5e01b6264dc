/**
 * Erasing journal entries is the responsible health personnel's decision under helsepersonelloven §§ 43–44
 * (issue 18 item 6), not a retention period running out: an erasure request asks staff for it, and the
 * answer reports it with the law.
 */
import { ValidationError } from '../../../lambdas/domain/errors';
import { fulfilPlan } from '../../../lambdas/domain/workflow/answer';
import {
  checkErasureOutcome,
  erasureDecisionFor,
  erasureDecisionRule,
  erasureOutcomeText,
} from '../../../lambdas/domain/workflow/erasure-decision';
import type { Finding } from '../../../lambdas/domain/workflow/findings';
import type { CategoryDecision } from '../../../lambdas/domain/workflow/legal-hold';
import { sterkPolicy } from '../policy/sterk-fixture';

const policy = sterkPolicy();
const system = (id: string) => {
  const found = policy.systems.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
};
const upload: Finding = {
  systemId: 'pasientsky',
  source: 'staff-upload',
  categories: [],
  recordCount: 0,
  collectedAt: '2026-12-06T10:00:00.000Z',
};
const retained: CategoryDecision[] = [
  {
    systemId: 'pasientsky',
    categoryId: 'health-record',
    action: 'retain',
    basis: {
      kind: 'retention-rule',
      ruleId: 'patient-record',
      legalReference: { citation: { nb: '-', en: '-' } },
    },
  } as CategoryDecision,
];

describe('Function: erasureDecisionRule', () => {
  it('finds the journal rule for the journal system and the membership rule for the membership system', () => {
    // Act
    const journal = erasureDecisionRule(policy, 'pasientsky');
    const membership = erasureDecisionRule(policy, 'brp-systems');
    const newsletter = erasureDecisionRule(policy, 'mailchimp');

    // Assess
    expect(journal?.id).toBe('patient-record');
    expect(journal?.erasureDecision.legalReference.citation.nb).toBe('helsepersonelloven §§ 43 og 44');
    expect(membership?.id).toBe('membership');
    expect(membership?.erasureDecision.legalReference.citation.en).toBe(
      'GDPR Article 17(1)(a) and Article 6(1)(b)',
    );
    expect(newsletter).toBeUndefined();
  });

  it('asks for the decision on erasure requests only', () => {
    // Act
    const asked = (['erasure', 'access', 'rectification'] as const).map(
      (type) => erasureDecisionFor(policy, type, 'pasientsky')?.id,
    );

    // Assess
    expect(asked).toEqual(['patient-record', undefined, undefined]);
  });
});

describe('Function: fulfilPlan (a journal under an erasure decision)', () => {
  it('asks staff for the decision where the period alone would have kept the journal', () => {
    // Act
    const withRule = fulfilPlan(
      'erasure',
      system('pasientsky'),
      upload,
      retained,
      erasureDecisionRule(policy, 'pasientsky'),
    );
    const withoutRule = fulfilPlan('erasure', system('pasientsky'), upload, retained);
    const nothingFound = fulfilPlan(
      'erasure',
      system('pasientsky'),
      { ...upload, source: 'no-data' },
      retained,
      erasureDecisionRule(policy, 'pasientsky'),
    );

    // Assess
    expect(withRule).toBe('staff');
    expect(withoutRule).toBe('keep');
    expect(nothingFound).toBe('none');
  });
});

describe('Function: checkErasureOutcome', () => {
  it('requires the outcome where a rule asks, and refuses one where none does', () => {
    // Prepare
    const rule = erasureDecisionRule(policy, 'pasientsky');

    // Act
    const missing = () => checkErasureOutcome(rule, undefined);
    const stray = () => checkErasureOutcome(undefined, 'erased');
    const given = () => checkErasureOutcome(rule, 'kept');

    // Assess
    expect(missing).toThrow(ValidationError);
    expect(missing).toThrow(/helsepersonelloven\) sections 43 and 44/);
    expect(stray).toThrow(ValidationError);
    expect(given).not.toThrow();
  });
});

describe('Function: erasureOutcomeText', () => {
  it('tells the requester what was decided, with the law, and why the data stays when it does', () => {
    // Prepare
    const journal = erasureDecisionRule(policy, 'pasientsky');
    const membership = erasureDecisionRule(policy, 'brp-systems');
    if (journal === undefined || membership === undefined) throw new Error('no rule');

    // Act
    const erased = erasureOutcomeText(journal, 'erased');
    const kept = erasureOutcomeText(journal, 'kept');
    const running = erasureOutcomeText(membership, 'kept');

    // Assess
    expect(erased.nb).toBe(
      'Forespørselen din er vurdert etter helsepersonelloven §§ 43 og 44, og opplysningene er slettet.',
    );
    expect(kept.en).toContain('The responsible practitioner concluded that they must stay in the record');
    expect(running.nb).toBe(
      'Forespørselen din er vurdert etter personvernforordningen artikkel 17 nr. 1 bokstav a og artikkel 6 nr. 1 bokstav b, og opplysningene blir stående: Medlemskapet ditt løper fortsatt, og vi trenger opplysningene for å oppfylle avtalen. Be om sletting igjen når medlemskapet er avsluttet.',
    );
  });
});
