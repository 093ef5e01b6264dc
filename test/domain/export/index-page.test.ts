import { createHash } from 'node:crypto';
import { art15Information } from '../../../lambdas/domain/export/art15';
import type { ExportFileEntry } from '../../../lambdas/domain/export/files';
import { EXPORT_TEXT } from '../../../lambdas/domain/export/i18n';
import { INDEX_PAGE_CSP, INDEX_PAGE_STYLE, renderIndexPage } from '../../../lambdas/domain/export/index-page';
import { escapeHtml } from '../../../lambdas/domain/policy/html';
import type { Language } from '../../../lambdas/domain/policy/language';
import type { PolicyDocument } from '../../../lambdas/domain/policy/schema';
import type { Finding } from '../../../lambdas/domain/workflow/findings';
import { sterkPolicy } from '../policy/sterk-fixture';
import { accessRequest, finding, GENERATED_AT, patientFindings } from './fixtures';

const LANGUAGES = ['nb', 'en'] as const;
const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;

const FILES: ExportFileEntry[] = [
  { path: 'index.html', kind: 'index' },
  { path: 'data.json', kind: 'data' },
  {
    path: 'mailchimp/member.csv',
    kind: 'csv',
    systemId: 'mailchimp',
    systemName: 'Mailchimp',
    recordKind: 'member',
  },
  {
    path: 'uploads/pasientsky/Journal 2026 – Ærlig.pdf',
    kind: 'upload',
    systemId: 'pasientsky',
    systemName: 'PasientSky',
    fileName: 'Journal 2026 – Ærlig.pdf',
  },
];

function render(
  lang: Language,
  { policy = sterkPolicy(), findings = patientFindings(), files = FILES, id = 'r-0001' } = {} as {
    policy?: PolicyDocument;
    findings?: Finding[];
    files?: ExportFileEntry[];
    id?: string;
  },
): string {
  const request = accessRequest(lang, { id });
  const art15 = art15Information({ policy, request, findings });
  return renderIndexPage({ art15, request, generatedAt: GENERATED_AT, files });
}

function headingLevels(page: string): number[] {
  return [...page.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
}

describe('Function: renderIndexPage', () => {
  describe.each(LANGUAGES)('in %s', (lang) => {
    const policy = sterkPolicy();
    const page = render(lang);
    const text = EXPORT_TEXT[lang];

    it('is a complete document in the requester’s language', () => {
      // Assess
      expect(page.startsWith('<!doctype html>\n')).toBe(true);
      expect(page).toContain(`<html lang="${lang}">`);
      expect(page).toContain('<meta charset="utf-8">');
      expect(page).toContain(`<title>STERK: ${escapeHtml(text.title.access)}</title>`);
      expect(page.trimEnd().endsWith('</html>')).toBe(true);
    });

    it('runs no scripts, loads nothing and sends no referrer', () => {
      // Assess
      expect(page).not.toMatch(/<script/i);
      expect(page).not.toMatch(/\son[a-z]+=/i);
      expect(page).toContain('<meta name="referrer" content="no-referrer">');
      expect(page).toContain(
        `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(INDEX_PAGE_CSP)}">`,
      );
      expect(INDEX_PAGE_CSP).toContain("default-src 'none'");
      const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
      expect(style).toBe(INDEX_PAGE_STYLE);
      expect(INDEX_PAGE_CSP).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
      for (const [, href] of page.matchAll(/href="([^"#][^"]*)"/g)) {
        expect(href).toMatch(/^(https:\/\/|[A-Za-z0-9%._-]+(\/[A-Za-z0-9%._-]+)*$)/);
      }
    });

    it('has one h1 and never skips a heading level', () => {
      // Act
      const levels = headingLevels(page);

      // Assess
      expect(levels.filter((level) => level === 1)).toHaveLength(1);
      levels.forEach((level, index) => {
        expect(level).toBeLessThanOrEqual((levels[index - 1] ?? 0) + 1);
      });
    });

    it.each(LETTERS)('has a section for Art. 15(1)(%s), linked from the contents', (letter) => {
      // Assess
      expect(page).toContain(`<section id="art15-${letter}" aria-labelledby="art15-${letter}-title">`);
      expect(page).toContain(`<li><a href="#art15-${letter}">`);
      expect(page).toContain(`<span class="article">(${escapeHtml(text.article15(letter))})</span>`);
    });

    it('lists every file with a relative link to it', () => {
      // Assess
      expect(page).toContain('<a href="data.json">data.json</a>');
      expect(page).toContain('<a href="mailchimp/member.csv">mailchimp/member.csv</a>');
      expect(page).toContain(
        '<a href="uploads/pasientsky/Journal%202026%20%E2%80%93%20%C3%86rlig.pdf">uploads/pasientsky/Journal 2026 – Ærlig.pdf</a>',
      );
      expect(page).toContain(escapeHtml(text.files.csv('Mailchimp', 'member')));
      expect(page).toContain(escapeHtml(text.files.upload('PasientSky')));
      expect(page).toContain(escapeHtml(text.files.csvNote));
    });

    it('carries the policy’s words for each letter', () => {
      // Assess
      const t = (value: { nb: string; en: string }) => escapeHtml(value[lang]);
      expect(page).toContain(t(policy.systems[0]?.purpose ?? { nb: '-', en: '-' })); // (a)
      expect(page).toContain(
        t(policy.categories.find((c) => c.id === 'health-record')?.label ?? { nb: '-', en: '-' }),
      ); // (b)
      expect(page).toContain(t(policy.recipients[2]?.purpose ?? { nb: '-', en: '-' })); // (c)
      const mailchimp = policy.systems.find((system) => system.id === 'mailchimp')?.transfers[0];
      expect(page).toContain(t(mailchimp?.description ?? { nb: '-', en: '-' })); // (c), Art. 15(2)
      expect(page).toContain(t(mailchimp?.countryName ?? { nb: '-', en: '-' }));
      expect(page).toContain('<a href="https://www.dataprivacyframework.gov/list" rel="noreferrer">');
      expect(page).toContain(
        lang === 'nb' ? 'Minst 10 år etter siste journalnotat' : 'At least 10 years after',
      ); // (d)
      expect(page).toContain(t(policy.rightsLimitation)); // (e)
      const general = policy.rights.find((r) => r.kind === 'request' && r.type === 'objection-general');
      expect(page).toContain(t(general?.description ?? { nb: '-', en: '-' })); // (e), Art. 21(1)
      expect(page).toContain('<a href="https://www.datatilsynet.no" rel="noreferrer">'); // (f)
      expect(page).toContain(t(policy.systems[0]?.dataSource ?? { nb: '-', en: '-' })); // (g)
      expect(page).toContain(t(policy.automatedDecisionMaking.description)); // (h)
      expect(page).toContain(`<section id="not-linkable"`);
      expect(page).toContain(`<section id="nothing-found"`);
    });

    it('says in every data section that nothing was found when nothing was', () => {
      // Prepare
      const findings = patientFindings().map((entry) => finding(entry.systemId, 'no-data'));

      // Act
      const empty = render(lang, { findings, files: FILES.slice(0, 2) });

      // Assess
      const noData = `<p>${escapeHtml(text.noDataFound)}</p>`;
      for (const letter of ['a', 'b', 'd', 'g']) {
        const section = new RegExp(`<section id="art15-${letter}"[\\s\\S]*?</section>`).exec(empty)?.[0];
        expect(section).toContain(noData);
      }
      expect(empty).not.toContain(escapeHtml(text.files.csvNote));
    });
  });

  describe('escaping', () => {
    it('escapes hostile text from the policy, the request and file names', () => {
      // Prepare
      const policy = sterkPolicy();
      const hostile = '<script>alert(1)</script>"\'&';
      const personvern = policy.systems.find((system) => system.id === 'personvern');
      if (personvern === undefined) throw new Error('fixture changed');
      personvern.purpose = { nb: hostile, en: hostile };
      personvern.name = `Personvern ${hostile}`;
      const files: ExportFileEntry[] = [
        ...FILES,
        {
          path: 'uploads/personvern/<b onclick=x>"\'&.pdf',
          kind: 'upload',
          systemId: 'personvern',
          systemName: personvern.name,
          fileName: '<b onclick=x>"\'&.pdf',
        },
      ];

      // Act
      const page = render('en', { policy, files, id: `r-${hostile}` });

      // Assess
      expect(page).not.toContain('<script>');
      expect(page).toContain(escapeHtml(hostile));
      expect(page).toContain(`<dd>r-${escapeHtml(hostile)}</dd>`);
      expect(page).toContain(
        '<a href="uploads/personvern/%3Cb%20onclick%3Dx%3E%22&#39;%26.pdf">uploads/personvern/&lt;b onclick=x&gt;&quot;&#39;&amp;.pdf</a>',
      );
      expect(page).not.toContain('<b onclick');
    });

    it('links only to https addresses', () => {
      // Prepare
      const policy = sterkPolicy();
      const mailchimp = policy.systems.find((system) => system.id === 'mailchimp');
      const law = mailchimp?.legalBasis.nationalLaw[0];
      if (law === undefined) throw new Error('fixture changed');
      law.url = 'javascript:alert(1)';

      // Act
      const page = render('nb', { policy });

      // Assess
      expect(page).not.toContain('javascript:');
      expect(page).toContain(`Se også: ${escapeHtml(law.citation.nb)}.`);
    });
  });
});
