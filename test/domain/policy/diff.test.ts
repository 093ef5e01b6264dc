import { readFileSync } from 'node:fs';
import { diffLines, diffPolicies, diffSummary, retentionText } from '../../../lambdas/domain/policy/diff';
import type { PolicyDocument } from '../../../lambdas/domain/policy/schema';
import { repoRoot } from '../../../lib/paths';
import { sterkDocument, sterkPolicy } from './sterk-fixture';

/** The second real version: Vipps added, Facebook Pixel removed, membership data kept 3 months longer. */
const second = JSON.parse(
  readFileSync(`${repoRoot}/test/fixtures/policy/sterk-2.0.0.json`, 'utf8'),
) as PolicyDocument;

const changesOf = (before: PolicyDocument, after: PolicyDocument, lang: 'nb' | 'en' = 'en') =>
  diffPolicies(before, after).sections.map((section) => [
    section.section,
    section.changes.map((change) => `${change.kind}: ${change.text[lang]}`),
  ]);

describe('Function: diffPolicies on two real versions (1.1.0 → 2.0.0)', () => {
  it('names every change, section by section, in page order (en)', () => {
    // Act
    const changes = changesOf(sterkPolicy(), second);

    // Assess
    expect(changes).toEqual([
      [
        'payment',
        [
          'added: Vipps MobilePay (Vipps MobilePay AS) added as a processor, for Phone number, Purchase history',
        ],
      ],
      ['website', ['removed: Facebook Pixel (Meta) removed: we no longer use it']],
      [
        'retention',
        [
          'added: New retention rule: Phone number in Vipps MobilePay kept 5 years from the end of the financial year',
          'changed: Retention of Name, Date of birth, Phone number, Email address, Postal address, Photo, Membership type in BRP Systems changed from until the end of the membership to 3 months from the end of the membership',
          'changed: Name, Date of birth, Phone number, Email address, Postal address, Photo, Membership type in BRP Systems are now kept for as long as you are a member, and three months after your membership ends',
          'changed: The retention rule for Website visit data, Cookies no longer applies to Facebook Pixel',
        ],
      ],
    ]);
  });

  it('says the same in Norwegian, under the sections’ Norwegian titles', () => {
    // Act
    const diff = diffPolicies(sterkPolicy(), second);

    // Assess
    expect(diff.sections.map((section) => section.title.nb)).toEqual([
      'Betalingskortet ditt',
      'Nettsidene våre',
      'Hvor lenge vi tar vare på opplysningene',
    ]);
    expect(diff.sections[0]?.changes[0]?.text.nb).toBe(
      'Vipps MobilePay (Vipps MobilePay AS) er lagt til som databehandler, for Telefonnummer, Kjøpshistorikk',
    );
    expect(diff).toMatchObject({ from: '1.1.0', to: '2.0.0' });
  });

  it('reads the other way round as the opposite changes', () => {
    // Act
    const changes = changesOf(second, sterkPolicy());

    // Assess
    expect(changes.flatMap(([, lines]) => lines)).toEqual(
      expect.arrayContaining([
        'removed: Vipps MobilePay (Vipps MobilePay AS) removed: we no longer use it',
        'added: Facebook Pixel (Meta) added as a joint controller, for Website visit data, Cookies',
        'removed: The retention rule for Phone number in Vipps MobilePay was removed',
      ]),
    );
  });

  it('finds nothing between a version and itself', () => {
    // Act
    const diff = diffPolicies(second, structuredClone(second));

    // Assess
    expect(diff.sections).toEqual([]);
    expect(diffLines(diff, 'en')).toEqual(['Changes from 2.0.0 to 2.0.0', '  (no changes)']);
  });
});

describe('Function: diffPolicies on single changes', () => {
  it.each([
    [
      'a recipient added',
      (d: PolicyDocument) => {
        d.recipients.push({
          id: 'insurers',
          name: { nb: 'Forsikringsselskaper', en: 'Insurance companies' },
          purpose: { nb: 'Skadeoppgjør', en: 'Claims' },
          categories: ['health-record'],
        });
      },
      ['sharing', 'added: Insurance companies added as a recipient of Patient record'],
    ],
    [
      'a system gains a category',
      (d: PolicyDocument) => {
        d.systems.find((s) => s.id === 'mailchimp')?.categories.push('phone');
      },
      ['contact-form', 'changed: Mailchimp now also receives Phone number'],
    ],
    [
      'a purpose reworded',
      (d: PolicyDocument) => {
        const mailchimp = d.systems.find((s) => s.id === 'mailchimp');
        if (mailchimp) mailchimp.purpose = { nb: 'Nyhetsbrev og tilbud.', en: 'Newsletters and offers.' };
      },
      ['contact-form', 'changed: Mailchimp: purpose changed'],
    ],
    [
      'a legal basis changed',
      (d: PolicyDocument) => {
        const mailchimp = d.systems.find((s) => s.id === 'mailchimp');
        if (mailchimp) mailchimp.legalBasis.article6 = ['a'];
      },
      [
        'contact-form',
        expect.stringMatching(
          /^changed: The legal basis for Mailchimp changed from 6\(1\)\(f\) to 6\(1\)\(a\)$/,
        ),
      ],
    ],
    [
      'a retention period shortened',
      (d: PolicyDocument) => {
        const rule = d.retention.find((r) => r.id === 'accounting');
        if (rule) rule.duration = 'P3Y6M';
      },
      [
        'retention',
        'changed: Retention of Purchase history changed from 5 years from the end of the financial year to 3 years and 6 months from the end of the financial year',
      ],
    ],
    [
      'a controller moved',
      (d: PolicyDocument) => {
        const hasle = d.controllers.find((c) => c.id === 'sterk-hasle');
        if (hasle) hasle.address = { street: 'Nye gate 1', postalCode: '0580', city: 'Oslo' };
      },
      [
        'controllers',
        expect.stringMatching(
          /^changed: The address of STERK Helse og Trening Hasle AS changed from .+ to Nye gate 1, 0580 Oslo$/,
        ),
      ],
    ],
    [
      'the change promise reworded',
      (d: PolicyDocument) => {
        d.changes.description = { nb: 'Vi sier fra.', en: 'We will tell you.' };
      },
      ['changes', 'changed: How we announce changes: description changed'],
    ],
    [
      'a category made special',
      (d: PolicyDocument) => {
        const photo = d.categories.find((c) => c.id === 'photo');
        if (photo) photo.special = true;
      },
      ['about', 'changed: Photo: special category changed'],
    ],
  ])('reports %s', (_, change, [section, line]) => {
    // Prepare
    const after = sterkDocument() as PolicyDocument;
    change(after);

    // Act
    const changes = changesOf(sterkPolicy(), after);

    // Assess
    expect(changes).toEqual([[section, [line]]]);
  });
});

describe('Function: retentionText', () => {
  it.each([
    ['P10Y', 'last-journal-entry', '10 years from the last journal entry', '10 år fra siste journalnotat'],
    ['P1M', 'collection', '1 month from collection', '1 måned fra innsamlingen'],
    ['P0D', 'end-of-membership', 'until the end of the membership', 'til slutten av medlemskapet'],
    [null, 'unsubscribe', 'as long as needed (from unsubscribing)', 'så lenge det trengs (fra avmeldingen)'],
  ] as const)('%s from %s reads "%s"', (duration, startsFrom, en, nb) => {
    // Act
    const texts = [
      retentionText({ duration, startsFrom }, 'en'),
      retentionText({ duration, startsFrom }, 'nb'),
    ];

    // Assess
    expect(texts).toEqual([en, nb]);
  });
});

describe('Function: diffSummary', () => {
  it('joins the changes into one paragraph and counts the rest', () => {
    // Act
    const summary = diffSummary(diffPolicies(sterkPolicy(), second), 'en', 2);

    // Assess
    expect(summary).toBe(
      'Vipps MobilePay (Vipps MobilePay AS) added as a processor, for Phone number, Purchase history; Facebook Pixel (Meta) removed: we no longer use it; and 4 more.',
    );
  });
});
