import {
  CONSENT_MODE_DEFAULT_DENIED,
  consentModeDefaults,
  consentPurposes,
} from '../../../lambdas/domain/consent/purposes';
import { validatePolicy } from '../../../lambdas/domain/policy/validate';
import { sterkDocument, sterkPolicy } from '../policy/sterk-fixture';

describe('Function: consentPurposes', () => {
  it("groups STERK's trackers by the purpose the policy gives each: Tag Manager and Analytics under analytics, the Pixel under marketing", () => {
    // Act
    const purposes = consentPurposes(sterkPolicy());

    // Assess
    expect(purposes.map((p) => [p.id, p.tools.map((t) => t.systemId)])).toEqual([
      ['analytics', ['google-tag-manager', 'google-analytics']],
      ['marketing', ['facebook-pixel']],
    ]);
    expect(purposes.every((p) => p.known)).toBe(true);
  });

  it('maps each purpose to the Consent Mode storage it grants, and the four Google requires start denied', () => {
    // Act
    const purposes = consentPurposes(sterkPolicy());

    // Assess
    expect(Object.fromEntries(purposes.map((p) => [p.id, p.consentModeKeys]))).toEqual({
      analytics: ['analytics_storage'],
      marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
    });
    expect(consentModeDefaults(purposes)).toEqual([...CONSENT_MODE_DEFAULT_DENIED]);
  });

  it('names each tool from the policy: its name, vendor, purpose and where the data goes outside the EEA', () => {
    // Act
    const [analytics] = consentPurposes(sterkPolicy());

    // Assess
    expect(analytics?.tools[1]).toEqual({
      systemId: 'google-analytics',
      name: 'Google Analytics',
      vendor: 'Google',
      purpose: sterkPolicy().systems.find((s) => s.id === 'google-analytics')?.purpose,
      transferTo: { nb: 'USA', en: 'the United States' },
    });
  });

  it('makes a tracker without a purpose a purpose of its own, after the known ones, and leaves other systems out', () => {
    // Prepare
    const policy = sterkPolicy();
    const pixel = policy.systems.find((s) => s.id === 'facebook-pixel');
    if (pixel === undefined) throw new Error('no pixel in the fixture');
    delete (pixel as { consentPurpose?: string }).consentPurpose;

    // Act
    const purposes = consentPurposes(policy);

    // Assess
    expect(purposes.map((p) => [p.id, p.known, p.consentModeKeys])).toEqual([
      ['analytics', true, ['analytics_storage']],
      ['facebook-pixel', false, []],
    ]);
  });

  it('asks nothing about a system that is no tracker, whatever purpose it names', () => {
    // Prepare
    const policy = sterkPolicy();
    const analytics = policy.systems.find((s) => s.id === 'google-analytics');
    if (analytics === undefined) throw new Error('no analytics in the fixture');
    analytics.tracker = false;

    // Act
    const purposes = consentPurposes(policy);

    // Assess
    expect(purposes.flatMap((p) => p.tools.map((t) => t.systemId))).toEqual([
      'google-tag-manager',
      'facebook-pixel',
    ]);
  });

  it('finds nothing to ask about in a policy without trackers', () => {
    // Prepare
    const policy = sterkPolicy();
    for (const system of policy.systems) Object.assign(system, { tracker: false, consentPurpose: undefined });

    // Act
    const purposes = consentPurposes(policy);

    // Assess
    expect(purposes).toEqual([]);
  });
});

describe('Policy schema: consentPurpose', () => {
  it('refuses a purpose the banner does not know', () => {
    // Prepare
    const document = sterkDocument();
    const pixel = document.systems.findIndex((s: { id: string }) => s.id === 'facebook-pixel');
    document.systems[pixel].consentPurpose = 'spying';

    // Act
    const result = validatePolicy(document);

    // Assess
    expect(result.ok ? [] : result.issues).toEqual([
      `systems[${pixel}].consentPurpose: Invalid option: expected one of "preferences"|"analytics"|"marketing"`,
    ]);
  });
});
