import {
  formatFinding,
  type LintFinding,
  lintPolicy,
  RULES,
} from '../../../../lambdas/domain/policy/lint/lint';
import { sterkPolicy } from '../sterk-fixture';
import { fixedSterkDocument, forget, valid, withdrawRight } from './lint-fixture';

// biome-ignore lint/suspicious/noExplicitAny: tests reach into the raw JSON to break it on purpose
type Raw = any;

interface Case {
  readonly name: string;
  readonly rule: string;
  readonly path: string;
  readonly severity: 'error' | 'warning';
  readonly breakIt: (document: Raw) => void;
}

const has = (
  findings: readonly LintFinding[],
  { rule, path, severity }: Pick<Case, 'rule' | 'path' | 'severity'>,
) =>
  findings.some((finding) => finding.rule === rule && finding.path === path && finding.severity === severity);

const CASES: Case[] = [
  {
    name: 'no contact channel for privacy questions',
    rule: 'controller-contact',
    path: 'contactChannels',
    severity: 'error',
    breakIt: (document) => {
      for (const channel of document.contactChannels) channel.topics = ['general'];
    },
  },
  {
    name: 'a designated DPO without contact details',
    rule: 'dpo-contact',
    path: 'dataProtectionOfficer',
    severity: 'error',
    breakIt: (document) => {
      document.dataProtectionOfficer = { designated: true, name: 'Kari Nordmann' };
    },
  },
  {
    name: 'nothing said about a DPO',
    rule: 'dpo-contact',
    path: 'dataProtectionOfficer',
    severity: 'warning',
    breakIt: (document) => {
      delete document.dataProtectionOfficer;
      forget(document, 'dataProtectionOfficer');
    },
  },
  {
    name: 'a legal obligation without its law',
    rule: 'legal-basis',
    path: 'systems.personvern.legalBasis.nationalLaw',
    severity: 'error',
    breakIt: (document) => {
      document.systems.find((system: Raw) => system.id === 'personvern').legalBasis.nationalLaw = [];
    },
  },
  {
    name: 'health data without an Art. 9(2) condition',
    rule: 'special-category-condition',
    path: 'systems.pasientsky.legalBasis.article9',
    severity: 'error',
    breakIt: (document) => {
      delete document.systems.find((system: Raw) => system.id === 'pasientsky').legalBasis.article9;
    },
  },
  {
    name: 'Art. 9(2)(h) without the law it rests on',
    rule: 'special-category-condition',
    path: 'systems.pasientsky.legalBasis.nationalLaw',
    severity: 'error',
    breakIt: (document) => {
      document.systems.find((system: Raw) => system.id === 'pasientsky').legalBasis.nationalLaw = [];
    },
  },
  {
    name: 'a US vendor without a transfer',
    rule: 'transfers-outside-eea',
    path: 'systems.mailchimp.transfers',
    severity: 'error',
    breakIt: (document) => {
      document.systems.find((system: Raw) => system.id === 'mailchimp').transfers = [];
    },
  },
  {
    name: 'a known US vendor without a transfer, even with no country given',
    rule: 'transfers-outside-eea',
    path: 'systems.google-analytics.transfers',
    severity: 'error',
    breakIt: (document) => {
      const analytics = document.systems.find((system: Raw) => system.id === 'google-analytics');
      analytics.transfers = [];
      delete analytics.vendorCountry;
      forget(document, 'systems.google-analytics.vendorCountry');
    },
  },
  {
    name: 'standard contractual clauses without where to get a copy',
    rule: 'transfers-outside-eea',
    path: 'systems.mailchimp.transfers.0.safeguardsCopy',
    severity: 'error',
    breakIt: (document) => {
      const transfer = document.systems.find((system: Raw) => system.id === 'mailchimp').transfers[0];
      transfer.mechanism = 'standard-contractual-clauses';
      delete transfer.safeguardsCopy;
    },
  },
  {
    name: 'a "transfer" to a country in the EEA',
    rule: 'transfers-outside-eea',
    path: 'systems.mailchimp.transfers.0.country',
    severity: 'warning',
    breakIt: (document) => {
      document.systems.find((system: Raw) => system.id === 'mailchimp').transfers[0].country = 'IE';
    },
  },
  {
    name: 'a vendor whose country is not stated',
    rule: 'transfers-outside-eea',
    path: 'systems.brp-systems.vendorCountry',
    severity: 'warning',
    breakIt: (document) => {
      delete document.systems.find((system: Raw) => system.id === 'brp-systems').vendorCountry;
      forget(document, 'systems.brp-systems.vendorCountry');
    },
  },
  {
    name: 'a category collected with no retention period or criterion',
    rule: 'retention-per-category',
    path: 'categories.server-logs',
    severity: 'error',
    breakIt: (document) => {
      document.categories.push({
        id: 'server-logs',
        label: { nb: 'Serverlogger', en: 'Server logs' },
        examples: [],
        special: false,
        anonymised: false,
      });
      document.website.collects.push('server-logs');
    },
  },
  {
    name: 'restriction not offered',
    rule: 'rights-offered',
    path: 'rights',
    severity: 'error',
    breakIt: (document) => withdrawRight(document, 'restriction'),
  },
  {
    name: 'portability not offered where processing rests on consent or contract',
    rule: 'rights-offered',
    path: 'rights',
    severity: 'error',
    breakIt: (document) => withdrawRight(document, 'portability'),
  },
  {
    name: 'the general objection (Art. 21(1)) not offered where legitimate interest is used',
    rule: 'rights-offered',
    path: 'rights',
    severity: 'error',
    breakIt: (document) => withdrawRight(document, 'objection-general'),
  },
  {
    name: 'consent used, but its withdrawal not offered',
    rule: 'consent-withdrawal',
    path: 'rights',
    severity: 'error',
    breakIt: (document) => withdrawRight(document, 'withdraw-consent'),
  },
  {
    name: 'no word on whether the information must be given',
    rule: 'provision-requirement',
    path: 'systems.brp-systems.provision',
    severity: 'error',
    breakIt: (document) => {
      delete document.systems.find((system: Raw) => system.id === 'brp-systems').provision;
      forget(document, 'systems.brp-systems.provision');
    },
  },
  {
    name: 'a system that does not say where its data comes from',
    rule: 'data-source',
    path: 'systems.brp-systems.dataSource',
    severity: 'warning',
    breakIt: (document) => {
      delete document.systems.find((system: Raw) => system.id === 'brp-systems').dataSource;
    },
  },
  {
    name: 'the pixel back on legitimate interest',
    rule: 'tracker-consent',
    path: 'systems.facebook-pixel.legalBasis',
    severity: 'error',
    breakIt: (document) => {
      document.systems.find((system: Raw) => system.id === 'facebook-pixel').legalBasis.article6 = ['f'];
    },
  },
  {
    name: 'the website’s visit data back on legitimate interest',
    rule: 'tracker-consent',
    path: 'website.legalBasis',
    severity: 'error',
    breakIt: (document) => {
      document.website.legalBasis.article6 = ['f'];
    },
  },
  {
    name: 'an analytics tool that sets cookies but is not marked as a tracker',
    rule: 'tracker-consent',
    path: 'systems.google-analytics.tracker',
    severity: 'warning',
    breakIt: (document) => {
      document.systems.find((system: Raw) => system.id === 'google-analytics').tracker = false;
    },
  },
  {
    name: 'legitimate interest without the general right to object',
    rule: 'objection-legitimate-interest',
    path: 'rights',
    severity: 'error',
    // Only the direct-marketing objection (Art. 21(2)) left: it is not the general right.
    breakIt: (document) => withdrawRight(document, 'objection-general'),
  },
  {
    name: "a guardian's consent rule that reaches health care",
    rule: 'minors-health-rights',
    path: 'ageRules.guardian-consent-under-18.categories',
    severity: 'error',
    // The seed's wording before the review: every child under 18, health care included.
    breakIt: (document) => {
      delete document.ageRules.find((rule: Raw) => rule.kind === 'guardian-consent').categories;
      forget(document, 'ageRules.guardian-consent-under-18.categories');
    },
  },
  {
    name: "no own rights for 16- and 17-year-olds' health data",
    rule: 'minors-health-rights',
    path: 'ageRules[0]',
    severity: 'error',
    breakIt: (document) => {
      document.ageRules = document.ageRules.filter((rule: Raw) => rule.kind !== 'own-rights');
      forget(document, 'ageRules.own-record-rights-from-16');
    },
  },
  {
    name: 'own rights for access only, not every request type',
    rule: 'minors-health-rights',
    path: 'ageRules[0]',
    severity: 'error',
    breakIt: (document) => {
      document.ageRules.find((rule: Raw) => rule.kind === 'own-rights').requestTypes = ['access'];
    },
  },
  {
    name: '12- to 15-year-olds not heard',
    rule: 'minors-health-rights',
    path: 'ageRules[0]',
    severity: 'error',
    breakIt: (document) => {
      document.ageRules = document.ageRules.filter((rule: Raw) => rule.kind !== 'child-view');
      forget(document, 'ageRules.child-view-12-to-15');
    },
  },
  {
    name: 'the journal released on an eID at level substantial',
    rule: 'identity-level',
    path: 'systems.pasientsky.identityLevel',
    severity: 'warning',
    breakIt: (document) => {
      document.systems.find((system: Raw) => system.id === 'pasientsky').identityLevel = 'substantial';
    },
  },
  {
    name: 'no word on the right to go to court',
    rule: 'remedies',
    path: 'courtRemedy',
    severity: 'error',
    breakIt: (document) => {
      delete document.courtRemedy;
    },
  },
  {
    name: 'a joint controller without the arrangement',
    rule: 'joint-controller',
    path: 'systems.facebook-pixel.jointControl',
    severity: 'error',
    breakIt: (document) => {
      delete document.systems.find((system: Raw) => system.id === 'facebook-pixel').jointControl;
      forget(document, 'systems.facebook-pixel.jointControl');
    },
  },
  {
    name: 'Meta’s pixel as a processor',
    rule: 'joint-controller',
    path: 'systems.facebook-pixel.role',
    severity: 'error',
    breakIt: (document) => {
      const pixel = document.systems.find((system: Raw) => system.id === 'facebook-pixel');
      pixel.role = 'processor';
      delete pixel.jointControl;
      forget(document, 'systems.facebook-pixel.jointControl');
    },
  },
  {
    name: 'a joint-control arrangement on a processor',
    rule: 'joint-controller',
    path: 'systems.facebook-pixel.jointControl',
    severity: 'warning',
    breakIt: (document) => {
      document.systems.find((system: Raw) => system.id === 'facebook-pixel').role = 'processor';
    },
  },
  {
    name: 'a processor without a data processing agreement',
    rule: 'processor-agreement',
    path: 'systems.brp-systems.dataProcessingAgreement',
    severity: 'warning',
    breakIt: (document) => {
      const brp = document.systems.find((system: Raw) => system.id === 'brp-systems');
      brp.role = 'processor';
      brp.dataProcessingAgreement = false;
    },
  },
  {
    name: 'a new assumption to confirm',
    rule: 'assumptions-to-confirm',
    path: 'title',
    severity: 'warning',
    breakIt: (document) => {
      document.assumptions.push({
        id: 'title-wording',
        paths: ['title'],
        note: { nb: 'Tittelen er vår.', en: 'The title is ours.' },
      });
    },
  },
];

describe('Function: lintPolicy', () => {
  const fixed = lintPolicy(valid(fixedSterkDocument()));

  it('finds no error in STERK’s document', () => {
    // Assess
    expect(fixed.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(fixed.errors).toBe(0);
  });

  it('finds no error in the shipped document, which offers the Art. 21(1) objection (issue 18, item 3)', () => {
    // Act
    const shipped = lintPolicy(sterkPolicy());

    // Assess
    expect(shipped.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(shipped.findings.filter((finding) => finding.rule === 'objection-legitimate-interest')).toEqual(
      [],
    );
  });

  it.each(CASES)('$rule fires on $name ($severity at $path), and not on the fixed file', (example) => {
    // Prepare
    const document = fixedSterkDocument();
    example.breakIt(document);

    // Act
    const report = lintPolicy(valid(document));

    // Assess
    expect(has(fixed.findings, example)).toBe(false);
    expect(report.findings.filter((finding) => finding.rule === example.rule)).toContainEqual(
      expect.objectContaining({ path: example.path, severity: example.severity }),
    );
    expect(report.errors).toBe(report.findings.filter((finding) => finding.severity === 'error').length);
  });

  it('has a case for every rule, so no rule goes untested', () => {
    // Assess
    expect(new Set(CASES.map((example) => example.rule))).toEqual(new Set(RULES.map((rule) => rule.id)));
  });

  it('words the tracker finding as the issue asks, with its legal reference', () => {
    // Prepare
    const document = fixedSterkDocument();
    document.systems.find((system: Raw) => system.id === 'facebook-pixel').legalBasis.article6 = ['f'];

    // Act
    const finding = lintPolicy(valid(document)).findings.find(
      (candidate) => candidate.rule === 'tracker-consent',
    );

    // Assess
    expect(finding).toBeDefined();
    if (finding === undefined) return;
    expect(formatFinding(finding, 'en')).toBe(
      'systems.facebook-pixel.legalBasis: facebook-pixel: tracker on legitimate interest; ekomloven § 3-15 requires consent (error) [tracker-consent: ekomloven § 3-15; GDPR Art. 6(1)(a)]',
    );
    expect(finding.message.nb).toBe(
      'facebook-pixel: sporing bygget på berettiget interesse; ekomloven § 3-15 krever samtykke',
    );
  });

  it('lists every assumption to confirm as a warning, with all its paths', () => {
    // Prepare
    const policy = sterkPolicy();

    // Act
    const listed = fixed.findings.filter((finding) => finding.rule === 'assumptions-to-confirm');

    // Assess
    expect(listed).toHaveLength(policy.assumptions.length);
    expect(listed.every((finding) => finding.severity === 'warning')).toBe(true);
    const transfers = listed.find((finding) => finding.message.en.includes('"transfers-to-the-us"'));
    expect(transfers?.message.en).toContain('systems.mailchimp.transfers');
  });

  it('lists errors before warnings', () => {
    // Prepare
    const document = fixedSterkDocument();
    delete document.courtRemedy;

    // Act
    const severities = lintPolicy(valid(document)).findings.map((finding) => finding.severity);

    // Assess
    expect(severities[0]).toBe('error');
    expect(severities.lastIndexOf('error')).toBeLessThan(severities.indexOf('warning'));
  });
});
