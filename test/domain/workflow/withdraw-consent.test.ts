/**
 * A withdrawn consent (GDPR Art. 7(3)) runs against the systems that take it. The trackers (Tag
 * Manager, Analytics and the Meta Pixel) do since ekomloven § 3-15 (issue 18, item 2), so they are in the
 * plan; they cannot be linked to a person, so nothing is done in them and the answer says what the person can
 * do themselves. The Pixel no longer takes the direct-marketing objection: it does not rest on legitimate
 * interest.
 */

import { fulfilPlan } from '../../../lambdas/domain/workflow/answer';
import { planRequest } from '../../../lambdas/domain/workflow/plan';
import { sterkPolicy } from '../policy/sterk-fixture';

const policy = sterkPolicy();
const TODAY = '2026-12-06';

describe('Function: planRequest, for a withdrawn consent', () => {
  it('runs against the trackers, which rest on consent, beside BRP and Mailchimp', () => {
    // Act
    const plan = planRequest(
      policy,
      { type: 'withdraw-consent', controllerId: 'sterk-helse-og-trening' },
      TODAY,
    );

    // Assess
    expect(plan.systems).toEqual([
      { systemId: 'brp-systems', handling: 'manual' },
      { systemId: 'google-tag-manager', handling: 'not-linkable' },
      { systemId: 'google-analytics', handling: 'not-linkable' },
      { systemId: 'facebook-pixel', handling: 'not-linkable' },
      { systemId: 'mailchimp', handling: 'automated' },
    ]);
    // The trackers are there because they rest on consent (Mailchimp takes a withdrawal as an unsubscribe).
    for (const id of ['google-tag-manager', 'google-analytics', 'facebook-pixel']) {
      const system = policy.systems.find((candidate) => candidate.id === id);
      expect(system?.legalBasis.article6).toEqual(['a']);
    }
  });

  it('does nothing in the Pixel, which cannot be linked to the person', () => {
    // Prepare
    const pixel = policy.systems.find((system) => system.id === 'facebook-pixel');
    if (pixel === undefined) throw new Error('no pixel');

    // Act, Assess
    expect(fulfilPlan('withdraw-consent', pixel, undefined, [])).toBe('none');
  });
});

describe('Function: planRequest, for the direct-marketing objection', () => {
  it('runs against Mailchimp only, not the Pixel, which rests on consent', () => {
    // Act
    const plan = planRequest(policy, { type: 'objection', controllerId: 'sterk-helse-og-trening' }, TODAY);

    // Assess
    expect(plan.systems.map((step) => step.systemId)).toEqual(['mailchimp']);
  });
});
