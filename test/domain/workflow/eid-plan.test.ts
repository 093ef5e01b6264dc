/**
 * An eID sign-in (ID-porten) in the plan (issue 20; docs/id-porten.md section 5): the special-category
 * check is answered by a sign-in at the level the systems need, for a person asking for themselves whose
 * typed birth date the number does not contradict; a guardian's check stays.
 */
import { identityLevelFor, identityLevelOf, meets } from '../../../lambdas/domain/policy/identity-levels';
import {
  type PlannedRequest,
  planRequest,
  type VerifiedIdentity,
} from '../../../lambdas/domain/workflow/plan';
import { sterkPolicy } from '../policy/sterk-fixture';

const TODAY = '2026-12-06';
const policy = sterkPolicy();
const clinicAccess: PlannedRequest = { type: 'access', controllerId: 'sterk-helse' };
const high: VerifiedIdentity = { method: 'eid', level: 'high', birthDate: 'matches' };

describe('Function: identityLevelOf / identityLevelFor', () => {
  it('needs level high for the journal and substantial for the newsletter, by their categories', () => {
    // Prepare
    const system = (id: string) => {
      const found = policy.systems.find((s) => s.id === id);
      if (found === undefined) throw new Error(`no system ${id}`);
      return found;
    };

    // Act
    const journal = identityLevelOf(policy, system('pasientsky'));
    const newsletter = identityLevelOf(policy, system('mailchimp'));
    const clinic = identityLevelFor(policy, 'access', 'sterk-helse');
    const objection = identityLevelFor(policy, 'objection', 'sterk-helse');

    // Assess
    expect([journal, newsletter]).toEqual(['high', 'substantial']);
    expect([clinic, objection]).toEqual(['high', 'substantial']);
    expect([meets('high', 'substantial'), meets('substantial', 'high')]).toEqual([true, false]);
  });
});

describe('Function: planRequest (with an eID sign-in)', () => {
  it('needs no manual identity check for an adult’s own request verified at level high', () => {
    // Act
    const plan = planRequest(policy, { ...clinicAccess, identity: high }, TODAY);

    // Assess
    expect(plan.identityCheck).toBe(false);
    expect(plan.reasons).toEqual([]);
    expect(plan.satisfiedByEid).toEqual(['special-category']);
  });

  it.each<[string, PlannedRequest]>([
    ['without a sign-in', clinicAccess],
    ['at level substantial', { ...clinicAccess, identity: { ...high, level: 'substantial' } }],
    ['when the birth dates differ', { ...clinicAccess, identity: { ...high, birthDate: 'differs' } }],
    [
      'when the number’s birth date cannot be read',
      { ...clinicAccess, identity: { ...high, birthDate: 'unknown' } },
    ],
  ])('keeps the special-category check %s', (_, request) => {
    // Act
    const plan = planRequest(policy, request, TODAY);

    // Assess
    expect(plan.identityCheck).toBe(true);
    expect(plan.reasons.map((r) => r.kind)).toEqual(['special-category']);
    expect(plan.satisfiedByEid).toBeUndefined();
  });

  it('keeps a guardian’s checks: the guardian is proven, the parental responsibility is not', () => {
    // Act
    const plan = planRequest(
      policy,
      {
        ...clinicAccess,
        identity: high,
        onBehalfOf: { name: 'Ola Nordmann', birthDate: '2016-05-05', relationship: 'guardian' },
      },
      TODAY,
    );

    // Assess
    expect(plan.reasons.map((r) => r.kind)).toEqual(['special-category', 'age-rule']);
    expect(plan.satisfiedByEid).toBeUndefined();
  });
});
