/**
 * The public page of what changed in a policy version (`GET /policy/versions/{version}/changes`): the
 * publisher's summary, then the readable diff from the version before, section by section. Static HTML with
 * the notice's own stylesheet (the same CSP hash), no scripts; schema imports are type-only.
 */
import type { PolicyDiff } from './diff';
import { Html, html } from './html';
import { formatDate } from './i18n';
import type { Language } from './language';
import { POLICY_PAGE_STYLE } from './page-style';

export interface ChangesPageInput {
  readonly diff: PolicyDiff;
  readonly summary: string;
  readonly effectiveDate: string;
  readonly major: boolean;
}

const TEXT = {
  nb: {
    title: (version: string) => `Endringer i personvernerklæringen, versjon ${version}`,
    effective: 'Gjelder fra',
    since: (version: string) => `Sammenlignet med versjon ${version}.`,
    major: 'Dette er en større endring.',
    none: 'Ingen endringer i innholdet.',
    read: 'Les hele erklæringen',
    other: { lang: 'en', label: 'Read this in English' },
    marks: { added: 'Nytt', removed: 'Fjernet', changed: 'Endret' },
  },
  en: {
    title: (version: string) => `Changes to the privacy notice, version ${version}`,
    effective: 'In effect from',
    since: (version: string) => `Compared with version ${version}.`,
    major: 'This is a major change.',
    none: 'No changes in content.',
    read: 'Read the whole notice',
    other: { lang: 'nb', label: 'Les på norsk' },
    marks: { added: 'New', removed: 'Removed', changed: 'Changed' },
  },
} as const;

export function renderChangesPage(
  { diff, summary, effectiveDate, major }: ChangesPageInput,
  lang: Language,
): string {
  const t = TEXT[lang];
  const page = html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title(diff.to)}</title>
<style>${new Html(POLICY_PAGE_STYLE)}</style>
</head>
<body>
<header>
<p class="lang"><a href="?lang=${t.other.lang}" hreflang="${t.other.lang}" lang="${t.other.lang}">${t.other.label}</a></p>
<h1>${t.title(diff.to)}</h1>
<p class="meta">${t.effective} <time datetime="${effectiveDate}">${formatDate(effectiveDate, lang)}</time>. ${t.since(diff.from)}${major ? ` ${t.major}` : ''}</p>
<p>${summary}</p>
</header>
<main>
${diff.sections.length === 0 ? html`<p>${t.none}</p>` : ''}
${diff.sections.map(
  (section) => html`<h2>${section.title[lang]}</h2>
<ul>
${section.changes.map((change) => html`<li><strong>${t.marks[change.kind]}:</strong> ${change.text[lang]}</li>\n`)}</ul>
`,
)}</main>
<footer>
<p><a href="../${diff.to}?lang=${lang}">${t.read}</a></p>
</footer>
</body>
</html>
`;
  return `<!doctype html>\n${page.value}`;
}
