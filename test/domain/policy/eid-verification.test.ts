/**
 * Confirming who you are with ID-porten in the privacy notice (issue 20, docs/id-porten.md section 5, "Notice
 * and emails"): the optional `eidVerification` field, its own h3 under the rights, and what STERK's and the
 * dental clinic's documents say about it, checked against the facts the code holds.
 */
import { readFileSync } from 'node:fs';
import { escapeHtml } from '../../../lambdas/domain/policy/html';
import { lintPolicy } from '../../../lambdas/domain/policy/lint/lint';
import { renderPolicyPage } from '../../../lambdas/domain/policy/render';
import type { PolicyDocument } from '../../../lambdas/domain/policy/schema';
import { validatePolicy } from '../../../lambdas/domain/policy/validate';
import { REQUEST_DATA_LIFETIME } from '../../../lambdas/domain/workflow/data-lifetime';
import { repoRoot } from '../../../lib/paths';
import { sterkDocument, sterkPolicy } from './sterk-fixture';

const LANGUAGES = ['nb', 'en'] as const;

// biome-ignore lint/suspicious/noExplicitAny: the raw JSON, broken on purpose
type Raw = any;

const fjordsmilDocument = (): Raw => JSON.parse(readFileSync(`${repoRoot}/policy/fjordsmil.json`, 'utf8'));

function valid(document: Raw): PolicyDocument {
  const result = validatePolicy(document);
  if (!result.ok) throw new Error(result.issues.join('\n'));
  return result.policy;
}

/** The rights section's HTML, from its opening tag to its close. */
function rightsSection(page: string): string {
  const start = page.indexOf('<section id="rights"');
  return page.slice(start, page.indexOf('</section>', start));
}

describe('Function: renderPolicyPage with eidVerification', () => {
  describe.each(LANGUAGES)('in %s', (lang) => {
    const policy = sterkPolicy();
    const eid = policy.eidVerification;
    const page = renderPolicyPage(policy, lang);
    const rights = rightsSection(page);

    it('gives ID-porten its own h3 in the rights section, after the list of rights and before the complaint', () => {
      // Prepare
      if (eid === undefined) throw new Error('STERK’s document has no eidVerification');
      const heading = `<h3 id="eid-verification">${escapeHtml(eid.title[lang])}</h3>`;

      // Assess
      expect(rights).toContain(heading);
      expect(page.split('id="eid-verification"')).toHaveLength(2);
      expect(rights.indexOf(heading)).toBeGreaterThan(rights.indexOf('</dl>'));
      expect(rights.indexOf(heading)).toBeLessThan(rights.indexOf('<h3 id="right-complaint">'));
    });

    it('prints every paragraph, the last one closed by the legal reference', () => {
      // Prepare
      if (eid === undefined) throw new Error('STERK’s document has no eidVerification');
      const citation = escapeHtml(eid.legalReference.citation[lang]);

      // Assess
      for (const paragraph of eid.description.slice(0, -1)) {
        expect(rights).toContain(`<p>${escapeHtml(paragraph[lang])}</p>`);
      }
      const last = eid.description.at(-1)?.[lang] ?? '';
      expect(rights).toContain(
        `<p>${escapeHtml(last)} <span class="note">(<a href="${eid.legalReference.url}">${citation}</a>)</span></p>`,
      );
    });

    it('is left out, heading and all, when the document has no eidVerification', () => {
      // Prepare
      const without = sterkDocument();
      delete without.eidVerification;
      without.assumptions = without.assumptions.filter(
        (assumption: Raw) => !assumption.paths.some((path: string) => path.startsWith('eidVerification')),
      );

      // Act
      const plain = renderPolicyPage(valid(without), lang);

      // Assess
      expect(plain).not.toContain('eid-verification');
      expect(plain).not.toContain('ID-porten');
      expect(rightsSection(plain)).toContain('<h3 id="right-complaint">');
    });
  });
});

describe('Schema: eidVerification', () => {
  it('is kept in the validated document, which is also the JSON the policy serves', () => {
    // Act
    const policy = valid(sterkDocument());

    // Assess
    expect(policy.eidVerification).toEqual(sterkDocument().eidVerification);
  });

  it.each([
    ['an empty description', (eid: Raw) => (eid.description = []), 'eidVerification.description'],
    ['a title in one language only', (eid: Raw) => delete eid.title.en, 'eidVerification.title.en'],
    [
      'a legal reference without a citation',
      (eid: Raw) => delete eid.legalReference.citation,
      'eidVerification.legalReference.citation',
    ],
    ['a field it does not know', (eid: Raw) => (eid.levels = ['high']), 'eidVerification'],
  ])('refuses %s', (_name, breakIt, path) => {
    // Prepare
    const document = sterkDocument();
    breakIt(document.eidVerification);

    // Act
    const result = validatePolicy(document);

    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.some((issue) => issue.startsWith(`${path}:`))).toBe(true);
  });
});

describe.each([
  ['policy/sterk.json', sterkDocument],
  ['policy/fjordsmil.json', fjordsmilDocument],
])('What %s says about ID-porten', (_file, load) => {
  const policy = valid(load());
  const eid = policy.eidVerification;
  const text = (lang: 'nb' | 'en') => eid?.description.map((paragraph) => paragraph[lang]).join(' ') ?? '';

  it('names the ways to sign in, what we receive and that the name is not among it', () => {
    // Assess
    for (const method of ['BankID', 'MinID', 'Buypass', 'Commfides']) {
      expect(text('nb')).toContain(method);
      expect(text('en')).toContain(method);
    }
    expect(text('nb')).toMatch(/får vi fødselsnummeret ditt, sikkerhetsnivået/);
    expect(text('nb')).toContain('Navnet ditt får vi ikke');
    expect(text('en')).toMatch(/receive your national identity number, the assurance level/);
    expect(text('en')).toContain('We do not receive your name');
  });

  it('says the emailed code is still needed, and that the manual check stays open', () => {
    // Assess
    expect(text('nb')).toContain('må du skrive inn uansett');
    expect(text('en')).toContain('You still have to enter the code');
    expect(text('nb')).toContain('ID-porten er frivillig');
    expect(text('en')).toContain('ID-porten is voluntary');
  });

  it('keeps the number as long as the request’s other stored data, the period the workflow deletes it after', () => {
    // Prepare
    const days = REQUEST_DATA_LIFETIME.keepDaysAfterClose;

    // Assess
    expect(text('nb')).toContain(`${days} dager etter at vi har svart deg`);
    expect(text('en')).toContain(`${days} days after we have answered you`);
  });

  it('names every system that finds people by their national identity number', () => {
    // Prepare
    const keyed = policy.systems.filter((system) => system.personKey === 'national-id');

    // Assess
    expect(keyed.length).toBeGreaterThan(0);
    for (const system of keyed) {
      expect(text('nb')).toContain(system.name);
      expect(text('en')).toContain(system.name);
    }
  });

  it('cites Art. 12(6), 6(1)(c) and personopplysningsloven § 12, and no Art. 9(2) condition: the number is no special category', () => {
    // Prepare
    const citation = eid?.legalReference.citation;
    const numberCategory = policy.categories.find((category) => category.id === 'national-id');

    // Assess
    expect(citation?.nb).toBe(
      'personvernforordningen artikkel 12 nr. 6 og artikkel 6 nr. 1 bokstav c; personopplysningsloven § 12',
    );
    expect(citation?.en).not.toMatch(/9\(2\)/);
    expect(numberCategory?.special).toBe(false);
  });

  it('marks the legal basis and the right to use ID-porten at all as assumptions to confirm', () => {
    // Act
    const findings = lintPolicy(policy).findings.filter(
      (finding) => finding.rule === 'assumptions-to-confirm' && finding.path.startsWith('eidVerification'),
    );

    // Assess
    expect(findings.map((finding) => finding.path).sort()).toEqual([
      'eidVerification',
      'eidVerification.legalReference',
    ]);
    const eligibility = policy.assumptions.find((assumption) => assumption.id === 'eid-eligibility');
    expect(eligibility?.note.en).toContain('Digdir');
    expect(eligibility?.note.en).toContain('public sector');
  });

  it('lints with no error', () => {
    // Act
    const report = lintPolicy(policy);

    // Assess
    expect(report.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  });
});
