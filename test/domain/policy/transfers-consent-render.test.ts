import { diffPolicies } from '../../../lambdas/domain/policy/diff';
import { escapeHtml } from '../../../lambdas/domain/policy/html';
import { renderPolicyPage } from '../../../lambdas/domain/policy/render';
import { resolvePolicyPath } from '../../../lambdas/domain/policy/schema';
import { validatePolicy } from '../../../lambdas/domain/policy/validate';
import { sterkDocument, sterkPolicy } from './sterk-fixture';

/**
 * Issue 18, items 1, 2 and 9: transfers outside the EEA, trackers on consent, Meta as joint controller for the
 * pixel, the court remedy, and the facts the seed does not state marked as assumptions to confirm.
 */
describe("Document: STERK's policy after the legal review (issue 18)", () => {
  const policy = sterkPolicy();
  const system = (id: string) => {
    const found = policy.systems.find((candidate) => candidate.id === id);
    if (found === undefined) throw new Error(`no system ${id}`);
    return found;
  };

  it.each(['google-tag-manager', 'google-analytics', 'facebook-pixel', 'mailchimp'])(
    'states a transfer to the United States for %s',
    (id) => {
      // Assess
      expect(system(id).vendorCountry).toBe('US');
      expect(system(id).transfers).toEqual([
        expect.objectContaining({ country: 'US', mechanism: 'adequacy-decision' }),
      ]);
    },
  );

  it('states no transfer for the systems whose vendors are in the EEA', () => {
    // Assess
    expect(
      policy.systems.filter((candidate) => candidate.transfers.length > 0).map((candidate) => candidate.id),
    ).toEqual(['google-tag-manager', 'google-analytics', 'facebook-pixel', 'mailchimp']);
  });

  it.each(['google-tag-manager', 'google-analytics', 'facebook-pixel'])(
    'bases tracker %s on consent alone, with ekomloven § 3-15',
    (id) => {
      // Assess
      expect(system(id).tracker).toBe(true);
      expect(system(id).legalBasis.article6).toEqual(['a']);
      expect(system(id).legalBasis.nationalLaw.map((law) => law.citation.nb)).toEqual(['ekomloven § 3-15']);
    },
  );

  it('bases what the website collects through the trackers on consent too', () => {
    // Assess
    expect(policy.website.legalBasis.article6).toEqual(['a']);
  });

  it('makes Meta a joint controller for the pixel, not a processor', () => {
    // Assess
    const pixel = system('facebook-pixel');
    expect(pixel.role).toBe('joint-controller');
    expect(pixel.dataProcessingAgreement).toBe(false);
    expect(pixel.jointControl?.partner).toBe('Meta Platforms Ireland Limited');
    expect(pixel.jointControl?.legalReference.citation.en).toContain('C-40/17');
  });

  it('marks every fact the seed does not state as an assumption to confirm, and every path resolves', () => {
    // Act
    const paths = policy.assumptions.flatMap((assumption) => assumption.paths);

    // Assess
    expect(paths).toEqual(
      expect.arrayContaining([
        'effectiveDate',
        'controllers.sterk-hasle.operates',
        'systems.facebook-pixel.jointControl',
        'systems.melin-convene-medical.role',
        'systems.pasientsky.legalBasis',
        'systems.mailchimp.legalBasis',
        'automatedDecisionMaking',
        'systems.google-analytics.transfers',
        'systems.mailchimp.transfers',
        'dataProtectionOfficer',
      ]),
    );
    for (const path of paths) expect(resolvePolicyPath(policy, path)).toBeDefined();
  });

  it('uses the corrected wording (issue 18, item 10)', () => {
    // Act
    const text = JSON.stringify(sterkDocument());

    // Assess
    for (const wrong of [
      'uvesentlig',
      'god nok helsehjelp',
      'ta vare på personvernprinsippene',
      'dine en periode',
    ]) {
      expect(text).not.toContain(wrong);
    }
    expect(text).toContain('forsvarlig helsehjelp');
    expect(text).toContain('følge personvernprinsippene');
    expect(text).toContain('opplysningene dine i en periode');
    expect(text).toContain('ufullstendig eller irrelevant');
  });
});

describe('Function: validatePolicy on assumptions', () => {
  it('refuses an assumption whose path names nothing, so none can go stale unnoticed', () => {
    // Prepare
    const document = sterkDocument();
    document.assumptions[0].paths.push('systems.shoe-shop.legalBasis');

    // Act
    const result = validatePolicy(document);

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [`assumptions[0].paths[1]: "systems.shoe-shop.legalBasis" names nothing in the document`],
    });
  });

  it('refuses two assumptions with the same id', () => {
    // Prepare
    const document = sterkDocument();
    document.assumptions.push(structuredClone(document.assumptions[0]));

    // Act
    const result = validatePolicy(document);

    // Assess
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues[0]).toMatch(/^assumptions\[\d+\]\.id: duplicate id "effective-date"$/);
  });
});

describe('Function: diffPolicies on assumptions', () => {
  it('leaves a confirmed assumption off the change page: it was never on the notice', () => {
    // Prepare
    const confirmed = sterkPolicy();
    confirmed.assumptions = confirmed.assumptions.slice(1);

    // Act
    const diff = diffPolicies(sterkPolicy(), confirmed);

    // Assess
    expect(diff.sections).toEqual([]);
  });

  it('still reports the fact itself when it changes with its confirmation', () => {
    // Prepare
    const confirmed = sterkPolicy();
    confirmed.assumptions = confirmed.assumptions.filter(
      (assumption) => assumption.id !== 'no-data-protection-officer',
    );
    confirmed.dataProtectionOfficer = { designated: true, email: 'ombud@example.no' };

    // Act
    const diff = diffPolicies(sterkPolicy(), confirmed);

    // Assess
    expect(diff.sections.map((section) => section.section)).toEqual(['contact']);
  });
});

describe('Function: resolvePolicyPath', () => {
  const policy = sterkPolicy();

  it.each([
    ['effectiveDate', policy.effectiveDate],
    ['systems.mailchimp.vendor', 'Mailchimp'],
    ['controllers.sterk-helse.operates', ['clinic']],
    ['intro.0', policy.intro[0]],
  ])('follows %s', (path, expected) => {
    // Assess
    expect(resolvePolicyPath(policy, path)).toEqual(expected);
  });

  it.each(['systems.nope', 'effectiveDate.year', 'intro.9', 'systems.mailchimp.toString'])(
    'finds nothing at %s',
    (path) => {
      // Assess
      expect(resolvePolicyPath(policy, path)).toBeUndefined();
    },
  );
});

describe('Function: renderPolicyPage, transfers, consent and joint control', () => {
  describe.each(['nb', 'en'] as const)('in %s', (lang) => {
    const policy = sterkPolicy();
    const page = renderPolicyPage(policy, lang);
    const t = (text: { nb: string; en: string }) => escapeHtml(text[lang]);
    /** The part of the page about one system: from its h3 to the next heading. */
    const systemPart = (id: string) => {
      const start = page.indexOf(`<h3 id="system-${id}">`);
      return page.slice(start, page.indexOf('<h', start + 4));
    };

    it.each(['google-tag-manager', 'google-analytics', 'facebook-pixel', 'mailchimp'])(
      'shows the transfer to the United States for %s, with its mechanism and where to check it',
      (id) => {
        // Act
        const part = systemPart(id);
        const transfer = policy.systems.find((system) => system.id === id)?.transfers[0];

        // Assess
        expect(part).toContain(
          lang === 'nb' ? 'Overføring til land utenfor EØS' : 'Transfers to countries outside the EEA',
        );
        expect(part).toContain(lang === 'nb' ? '<strong>USA</strong>' : '<strong>The United States</strong>');
        expect(part).toContain(
          lang === 'nb' ? 'beslutning om tilstrekkelig beskyttelsesnivå' : 'adequacy decision',
        );
        expect(part).toContain(t(transfer?.description ?? { nb: '?', en: '?' }));
        expect(part).toContain('href="https://www.dataprivacyframework.gov/list"');
        expect(part).toContain('href="https://eur-lex.europa.eu/eli/dec_impl/2023/1795/oj"');
      },
    );

    it('shows no transfer for a system that keeps the data in the EEA', () => {
      // Assess
      expect(systemPart('pasientsky')).not.toContain(
        lang === 'nb' ? 'Overføring til land utenfor EØS' : 'Transfers to countries outside the EEA',
      );
    });

    it.each(['google-tag-manager', 'google-analytics', 'facebook-pixel'])(
      'gives consent and ekomloven § 3-15 as the basis of %s',
      (id) => {
        // Act
        const part = systemPart(id);

        // Assess
        expect(part).toContain(
          lang === 'nb'
            ? 'Samtykke (personvernforordningen artikkel 6 nr. 1 bokstav a)'
            : 'Consent (GDPR Article 6(1)(a))',
        );
        expect(part).toContain(
          lang === 'nb' ? 'ekomloven § 3-15' : 'Electronic Communications Act (ekomloven) section 3-15',
        );
        expect(part).not.toContain(lang === 'nb' ? 'berettiget interesse' : 'legitimate interest');
      },
    );

    it('says Meta is joint controller for the pixel, what that covers and what it means for the reader', () => {
      // Act
      const part = systemPart('facebook-pixel');
      const joint = policy.systems.find((system) => system.id === 'facebook-pixel')?.jointControl;

      // Assess
      expect(part).toContain(
        lang === 'nb'
          ? 'Meta Platforms Ireland Limited og vi er felles behandlingsansvarlige'
          : 'Meta Platforms Ireland Limited and we are joint controllers',
      );
      expect(part).toContain(t(joint?.scope ?? { nb: '?', en: '?' }));
      expect(part).toContain(t(joint?.arrangement ?? { nb: '?', en: '?' }));
      expect(part).toContain(
        lang === 'nb'
          ? 'Uansett hva vi har avtalt, kan du bruke rettighetene dine overfor hvem av oss du vil'
          : 'you can use your rights against whichever of us you choose',
      );
      expect(part).toContain('C-40/17');
      expect(part).toContain('href="https://www.facebook.com/privacy/policy"');
      expect(part).not.toContain(lang === 'nb' ? 'på våre vegne' : 'on our behalf');
    });

    it('says whether people must give the information (Art. 13(2)(e))', () => {
      // Assess
      expect(systemPart('brp-systems')).toContain(
        t(policy.systems.find((system) => system.id === 'brp-systems')?.provision ?? { nb: '?', en: '?' }),
      );
    });

    it('offers the court beside the complaint to Datatilsynet (Art. 79)', () => {
      // Act
      const complaint = page.indexOf('id="right-complaint"');
      const court = page.indexOf('id="right-court"');

      // Assess
      expect(complaint).toBeGreaterThan(0);
      expect(court).toBeGreaterThan(complaint);
      expect(page).toContain(t(policy.courtRemedy?.description ?? { nb: '?', en: '?' }));
      expect(page.slice(court)).toContain(
        lang === 'nb' ? 'personvernforordningen artikkel 79' : 'GDPR Article 79',
      );
    });

    it('names no data protection officer while none is designated', () => {
      // Assess
      expect(page).not.toContain(lang === 'nb' ? 'Personvernombudet vårt' : 'our data protection officer');
    });

    it('gives the data protection officer’s contact when one is designated (Art. 13(1)(b), 37(7))', () => {
      // Prepare
      const withDpo = sterkPolicy();
      withDpo.dataProtectionOfficer = { designated: true, name: 'Kari Nordmann', email: 'ombud@example.no' };

      // Act
      const contact = renderPolicyPage(withDpo, lang).split('id="contact"')[1] ?? '';

      // Assess
      expect(contact).toContain(
        lang === 'nb'
          ? 'Personvernombudet vårt, Kari Nordmann, når du på'
          : 'our data protection officer, Kari Nordmann, at',
      );
      expect(contact).toContain('href="mailto:ombud@example.no"');
    });
  });
});
