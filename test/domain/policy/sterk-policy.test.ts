import { sterkPolicy } from './sterk-fixture';

/**
 * The facts of STERK's published privacy policy (seed/personvernerklaering-sterk.txt) that the
 * pipeline acts on. If one of these changes, it should be a deliberate edit with a new version.
 */
describe("Document: STERK's policy", () => {
  const policy = sterkPolicy();
  const system = (id: string) => policy.systems.find((candidate) => candidate.id === id);

  it('names the three companies with their org numbers, one of them the main controller', () => {
    // Assess
    expect(policy.controllers.map(({ legalName, orgNumber }) => [legalName, orgNumber])).toEqual([
      ['STERK Helse & Trening AS', '898503992'],
      ['STERK Helse og Trening Hasle AS', '827118362'],
      ['STERK Helse AS', '923215891'],
    ]);
    expect(
      policy.controllers.filter((controller) => controller.main).map((controller) => controller.id),
    ).toEqual(['sterk-helse-og-trening']);
    expect(new Set(policy.controllers.map((controller) => controller.privacyContactEmail))).toEqual(
      new Set(['kundeservice@sterkhelse.no']),
    );
  });

  it.each([
    { id: 'pasientsky', handling: { kind: 'manual' } },
    { id: 'brp-systems', handling: { kind: 'manual' } },
    { id: 'melin-convene-medical', handling: { kind: 'manual' } },
    { id: 'google-tag-manager', handling: { kind: 'not-linkable' } },
    { id: 'google-analytics', handling: { kind: 'not-linkable' } },
    { id: 'facebook-pixel', handling: { kind: 'not-linkable' } },
    { id: 'mailchimp', handling: { kind: 'automated', connector: 'mailchimp' } },
    { id: 'personvern', handling: { kind: 'automated', connector: 'internal' } },
  ])('handles $id as $handling.kind', ({ id, handling }) => {
    // Assess
    expect(system(id)?.handling).toMatchObject(handling);
  });

  it('claims a data processing agreement only where the policy states one', () => {
    // Assess
    const withAgreement = policy.systems.filter((candidate) => candidate.dataProcessingAgreement);
    expect(withAgreement.map((candidate) => candidate.id)).toEqual(['pasientsky', 'brp-systems']);
  });

  it('bases the journal on a legal obligation and health care', () => {
    // Assess
    expect(system('pasientsky')?.legalBasis).toMatchObject({ article6: ['c'], article9: ['h'] });
  });

  it('keeps the journal and the purchase history by law, and nothing else', () => {
    // Act
    const kept = policy.retention.filter((rule) => rule.forbidsErasure);

    // Assess
    expect(kept.map(({ id, duration, startsFrom }) => ({ id, duration, startsFrom }))).toEqual([
      { id: 'patient-record', duration: 'P10Y', startsFrom: 'last-journal-entry' },
      { id: 'accounting', duration: 'P5Y', startsFrom: 'end-of-fiscal-year' },
    ]);
    expect(kept.flatMap((rule) => rule.categories)).toEqual(
      expect.arrayContaining(['health-record', 'national-id', 'purchase-history']),
    );
  });

  it('offers every request type intake knows, and the complaint', () => {
    // Assess
    expect(policy.rights.map((right) => (right.kind === 'request' ? right.type : right.kind))).toEqual([
      'access',
      'rectification',
      'erasure',
      'restriction',
      'portability',
      'objection',
      'objection-general',
      'withdraw-consent',
      'complaint',
    ]);
  });

  it('marks health data as special (Art. 9), and the national identity number not: the law protects it otherwise', () => {
    // Assess
    const special = policy.categories.filter((category) => category.special).map((category) => category.id);
    expect(special).toEqual(['health-record']);
    expect(policy.categories.find((category) => category.id === 'national-id')?.description?.en).toContain(
      'Personal Data Act section 12',
    );
  });

  it('gives 16- and 17-year-olds their own journal rights, hears 12–15-year-olds, and keeps guardians’ consent to membership', () => {
    // Prepare
    const byKind = (kind: string) => policy.ageRules.find((rule) => rule.kind === kind);

    // Assess
    expect(byKind('own-rights')).toMatchObject({
      fromAge: 16,
      belowAge: 18,
      categories: ['health-record'],
      staffIdentityCheck: true,
      legalReference: { citation: { nb: 'pasient- og brukerrettighetsloven §§ 3-4, 4-3 og 5-1' } },
    });
    expect(byKind('own-rights')).not.toHaveProperty('requestTypes');
    expect(byKind('child-view')).toMatchObject({ fromAge: 12, belowAge: 16, categories: ['health-record'] });
    // The seed's rule (§ 4) is about membership: it names the membership categories and no health data.
    const guardian = byKind('guardian-consent');
    expect(guardian).toMatchObject({ belowAge: 18, categories: expect.arrayContaining(['membership-type']) });
    expect(guardian?.kind === 'guardian-consent' && guardian.categories).not.toContain('health-record');
    expect(guardian?.description.nb).toContain('foreldreansvar');
  });

  it('gives the phone number for help and for questions about the journal', () => {
    // Assess
    expect(policy.contactChannels).toContainEqual(
      expect.objectContaining({
        kind: 'phone',
        display: '21 08 28 00',
        topics: expect.arrayContaining(['journal']),
      }),
    );
  });
});
