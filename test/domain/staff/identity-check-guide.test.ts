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
  it('explains a parent asking for a 16-year-old’s journal with the policy’s rules, reference and child’s age', () => {
    // Prepare
    const policy = sterkPolicy();
    const request = guardianRequest('2009-05-01');
    const { reasons } = planRequest(policy, request, TODAY);

    // Act
    const guide = identityCheckGuide(reasons, request, policy, TODAY);
    const nb = guide.reasons.map((r) => r.text.nb);

    // Assess
    expect(reasons.map((r) => r.kind)).toEqual(['special-category', 'age-rule', 'age-rule']);
    expect(guide.childAge).toBe(16);
    expect(nb[1]).toBe(
      'Kari Nordmann ber som forelder eller foresatt på vegne av Ola Nordmann (16 år), som er under 18 år. Kontroller at Kari Nordmann har foreldreansvar for Ola Nordmann.',
    );
    expect(nb[2]).toContain(
      'ber om innsyn for Ola Nordmann, som er 16 år. Fra 16 år har Ola Nordmann selv denne retten til journalopplysninger.',
    );
    expect(nb[2]).toContain('om Ola Nordmann selv må samtykke');
    // The rule the policy states is quoted with its law; the one it leaves without a law is marked.
    expect(guide.reasons[2]?.source?.nb).toContain('pasient- og brukerrettighetsloven §§ 3-4 og 5-1');
    expect(guide.reasons[2]?.assumption).toBeUndefined();
    expect(guide.reasons[1]?.source?.nb).toContain('«Er du under 18 år, trenger vi samtykke');
    expect(guide.reasons[1]?.assumption?.nb).toMatch(/^Antakelse å bekrefte: /);
    expect(guide.reasons[0]?.assumption?.en).toMatch(/^Assumption to confirm: /);
    expect(guide.reasons[0]?.text.en).toContain('(Patient record) from PasientSky');
    expect(guide.checks.map((c) => c.nb)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('foreldreansvar for Ola Nordmann'),
        expect.stringContaining('Spør behandleren om Ola Nordmann selv må samtykke'),
      ]),
    );
    expect(JSON.stringify(guide)).not.toMatch(/age-rule|special-category|guardian-consent|own-record/);
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
});
