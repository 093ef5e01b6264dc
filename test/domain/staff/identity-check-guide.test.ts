import type { RequestRecord } from '../../../lambdas/domain/requests/record';
import { identityCheckGuide } from '../../../lambdas/domain/staff/identity-check-guide';
import { ageOn } from '../../../lambdas/domain/staff/words';
import { planRequest } from '../../../lambdas/domain/workflow/plan';
import { sterkPolicy } from '../policy/sterk-fixture';

const TODAY = '2026-03-02';

function guardianRequest(childBirthDate: string): RequestRecord {
  return {
    kind: 'request',
    id: 'req-1',
    type: 'access',
    controllerId: 'sterk-helse-og-trening',
    lang: 'nb',
    receivedAt: '2026-03-02T09:00:00.000Z',
    receivedDate: TODAY,
    dueDate: '2026-04-07',
    dueAt: '2026-04-07T21:59:59.999Z',
    status: 'verified',
    statusTokenHashes: [],
    policyVersion: '1.0.0',
    requester: { name: 'Kari Nordmann', email: 'kari@example.no' },
    onBehalfOf: { name: 'Ola Nordmann', birthDate: childBirthDate, relationship: 'guardian' },
  };
}

describe('what staff check in an identity check', () => {
  it('explains a parent asking for a 16-year-old’s journal: the young person’s own rights, the law, and consent to record', () => {
    // Prepare
    const policy = sterkPolicy();
    const request = guardianRequest('2009-05-01');
    const plan = planRequest(policy, request, TODAY);
    const planned = { ...request, plan };

    // Act
    const guide = identityCheckGuide(plan.reasons, planned, policy, TODAY);
    const nb = guide.reasons.map((r) => r.text.nb);

    // Assess
    expect(plan.reasons.map((r) => r.kind)).toEqual(['special-category', 'age-rule', 'age-rule']);
    expect(guide.childAge).toBe(16);
    expect(nb[1]).toBe(
      'Kari Nordmann ber på vegne av Ola Nordmann (16 år), som er under 18 år, og sier å ha foreldreansvar for barnet. Kontroller at Kari Nordmann har foreldreansvar for Ola Nordmann.',
    );
    expect(nb[2]).toBe(
      'Den som har foreldreansvar (Kari Nordmann), ber om innsyn for Ola Nordmann, som er 16 år. Fra 16 år har Ola Nordmann selv rettighetene til journalopplysninger: Kari Nordmann får dem bare hvis Ola Nordmann samtykker. Uten registrert samtykke holdes PasientSky tilbake fra svaret.',
    );
    // The rule the policy states is quoted with its law; the one it leaves without a law is marked.
    expect(guide.reasons[2]?.source?.nb).toContain('pasient- og brukerrettighetsloven §§ 3-4, 4-3 og 5-1');
    expect(guide.reasons[2]?.assumption).toBeUndefined();
    expect(guide.reasons[1]?.source?.nb).toContain('«Er du under 18 år og vil bli medlem');
    expect(guide.reasons[1]?.assumption?.nb).toMatch(/^Antakelse å bekrefte: /);
    expect(guide.reasons[0]?.assumption?.en).toMatch(/^Assumption to confirm: /);
    expect(guide.reasons[0]?.text.en).toContain('(Patient record) from PasientSky');
    expect(guide.childsSay).toMatchObject({
      field: 'youngPersonConsent',
      choices: [{ value: 'withheld' }, { value: 'consent' }],
    });
    expect(guide.childsSay?.choices[1]?.label.nb).toBe(
      'Ola Nordmann har samtykket til at Kari Nordmann får journalopplysninger',
    );
    expect(guide.checks.map((c) => c.nb)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('foreldreansvar for Ola Nordmann'),
        expect.stringContaining('Spør Ola Nordmann (gjennom behandleren) om samtykke'),
      ]),
    );
    expect(JSON.stringify(guide)).not.toMatch(/age-rule|special-category|guardian-consent|own-record/);
  });

  it('asks about the view of a 14-year-old before a parent gets the journal, for any request type', () => {
    // Prepare
    const policy = sterkPolicy();
    const request = { ...guardianRequest('2011-06-01'), type: 'erasure' as const };
    const plan = planRequest(policy, request, TODAY);

    // Act
    const guide = identityCheckGuide(plan.reasons, { ...request, plan }, policy, TODAY);

    // Assess
    expect(guide.childAge).toBe(14);
    expect(plan.reasons).toContainEqual({ kind: 'age-rule', ruleId: 'child-view-12-to-15' });
    expect(guide.reasons.at(-1)?.text.en).toBe(
      'A person with parental responsibility (Kari Nordmann) asks for erasure for Ola Nordmann, who is 14. Ask Ola Nordmann, through the practitioner if possible, what they think. If Ola Nordmann has reasons that should be respected for Kari Nordmann not to get their patient record, PasientSky is withheld. What Kari Nordmann needs to exercise parental responsibility is given all the same.',
    );
    expect(guide.reasons.at(-1)?.source?.en).toContain('section 3-4 second and third paragraphs');
    expect(guide.childsSay?.field).toBe('childView');
    expect(guide.childsSay?.choices.map((c) => c.value)).toEqual(['no-objection', 'objects']);
  });

  it('asks a parent of a younger child about parental responsibility only, not the child’s own rights', () => {
    // Prepare
    const policy = sterkPolicy();
    const request = guardianRequest('2016-03-03');
    const { reasons } = planRequest(policy, request, TODAY);

    // Act
    const guide = identityCheckGuide(reasons, request, policy, TODAY);

    // Assess
    expect(guide.childAge).toBe(9);
    expect(guide.reasons).toHaveLength(2);
    expect(guide.checks.some((c) => c.nb.includes('Spør behandleren'))).toBe(false);
    expect(guide.checksAssumption.nb).toContain('Bekreft rutinen med den personvernansvarlige');
  });

  it('counts age by birthdays', () => {
    expect(ageOn('2009-03-02', '2026-03-02')).toBe(17);
    expect(ageOn('2009-03-03', '2026-03-02')).toBe(16);
  });

  it('drops the ID-document check for a guardian signed in with ID-porten, and flags a birth date that disagrees', () => {
    // Prepare
    const policy = sterkPolicy();
    const signIn = {
      method: 'eid',
      level: 'high',
      amr: ['BankID'],
      verifiedAt: '2026-03-02T09:05:00.000Z',
      personPseudonym: 'p',
    } as const;
    const request = guardianRequest('2014-06-21');
    const plan = planRequest(policy, request, TODAY);

    // Act
    const proven = identityCheckGuide(
      plan.reasons,
      { ...request, eidSignIn: { ...signIn, birthDate: 'matches' } },
      policy,
      TODAY,
    );
    const differs = identityCheckGuide(
      plan.reasons,
      { ...request, eidSignIn: { ...signIn, birthDate: 'differs' } },
      policy,
      TODAY,
    );
    const byCode = identityCheckGuide(plan.reasons, request, policy, TODAY);

    // Assess
    expect(proven.checks[0]?.en).toBe(
      "Kari Nordmann's identity was verified with ID-porten (level high): no ID document is needed. What is left is to confirm the relationship to Ola Nordmann.",
    );
    expect(proven.checks.map((c) => c.en).join(' ')).toContain('parental responsibility');
    expect(differs.checks[0]?.en).toMatch(/^Compare the name, birth date and email address/);
    expect(differs.checks.map((c) => c.en)).toContain(
      'The birth date Kari Nordmann typed does not match the national identity number ID-porten gave us. Find out why before answering.',
    );
    expect(byCode.checks[0]?.en).toMatch(/^Compare the name, birth date and email address/);
  });
});
