import { readFileSync } from 'node:fs';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { repoRoot } from '../../lib/paths';

/**
 * A stand-in for the organisation's website, made of the snippets in docs/website-integration.md exactly as
 * a developer copies them, with the two addresses filled in: the API's, and the website's (this page's own
 * origin, its thank-you pages under `/local/website/`). `npm start` serves it at `/local/website`, where
 * `http://localhost:<port>` is the default website origin (local/api/website-origins.ts); the browser tests
 * serve it from other origins too. Not on AWS.
 */
export const WEBSITE_DEMO_PATH = '/local/website';

/** The placeholders the documentation's snippets use for the two addresses. */
const API_PLACEHOLDER = 'https://personvern.example.no';
const WEBSITE_PLACEHOLDER = 'https://www.example.no';

const DOC = `${repoRoot}/docs/website-integration.md`;

type Lang = 'nb' | 'en';
export type SnippetName = `${'form' | 'fetch' | 'iframe'}-${Lang}`;

/** The snippets of docs/website-integration.md by name (`form-nb`, `fetch-en`, …), as written there. */
export function documentedSnippets(markdown = readFileSync(DOC, 'utf8')): Map<SnippetName, string> {
  const snippets = new Map<SnippetName, string>();
  for (const [, name, code] of markdown.matchAll(
    /<!-- snippet: ([a-z]+-[a-z]{2}) -->\s*```html\n([\s\S]*?)```/g,
  )) {
    snippets.set(name as SnippetName, code ?? '');
  }
  return snippets;
}

const TEXT = {
  nb: {
    title: 'Nettstedet (lokal stand-in)',
    intro: (origin: string, api: string) =>
      `Denne siden står for nettstedet, på ${origin}. API-et er på ${api}. Kodebitene er de i docs/website-integration.md.`,
    sameOrigin:
      'Siden er åpnet på API-ets egen opprinnelse: her viser den ingenting om CORS eller innramming.',
    headings: ['1. Et vanlig HTML-skjema', '2. Et skript som sender JSON', '3. Skjemaet vårt i en iframe'],
    thanks: 'Takk! Dette er nettstedets egen takkeside.',
    back: 'Tilbake',
  },
  en: {
    title: 'The website (local stand-in)',
    intro: (origin: string, api: string) =>
      `This page stands in for the website, at ${origin}. The API is at ${api}. The snippets are those of docs/website-integration.md.`,
    sameOrigin: "This page is open on the API's own origin: here it shows nothing about CORS or framing.",
    headings: ['1. A plain HTML form', '2. A script that posts JSON', '3. Our form in an iframe'],
    thanks: "Thank you! This is the website's own thank-you page.",
    back: 'Back',
  },
} as const;

/**
 * The demo's pages: `/local/website[?lang=en]` with the three ways, and its thank-you pages
 * `/local/website/takk` and `/local/website/thanks`. Undefined for any other path.
 */
export function websiteDemo(
  path: string,
  query: URLSearchParams,
  addresses: { readonly apiUrl: string; readonly origin: string },
): APIGatewayProxyResult | undefined {
  const page = (lang: Lang, title: string, body: string): APIGatewayProxyResult => ({
    statusCode: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
    body: `<!doctype html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${title}</title>\n</head>\n<body style="font-family: system-ui, sans-serif; max-width: 48rem; margin: 0 auto; padding: 1rem;">\n${body}\n</body>\n</html>\n`,
  });
  const fill = (code: string) =>
    code
      .replaceAll(API_PLACEHOLDER, addresses.apiUrl)
      .replaceAll(WEBSITE_PLACEHOLDER, `${addresses.origin}${WEBSITE_DEMO_PATH}`);
  if (path === `${WEBSITE_DEMO_PATH}/takk` || path === `${WEBSITE_DEMO_PATH}/thanks`) {
    const lang: Lang = path.endsWith('/takk') ? 'nb' : 'en';
    const text = TEXT[lang];
    return page(
      lang,
      text.title,
      `<h1>${text.thanks}</h1>\n<p><a href="${WEBSITE_DEMO_PATH}?lang=${lang}">${text.back}</a></p>`,
    );
  }
  if (path !== WEBSITE_DEMO_PATH && path !== `${WEBSITE_DEMO_PATH}/`) return undefined;
  const lang: Lang = query.get('lang') === 'en' ? 'en' : 'nb';
  const text = TEXT[lang];
  const snippets = documentedSnippets();
  const sameOrigin = new URL(addresses.apiUrl).origin === addresses.origin;
  const sections = (['form', 'fetch', 'iframe'] as const).map(
    (way, i) =>
      `<section>\n<h2>${text.headings[i]}</h2>\n${fill(snippets.get(`${way}-${lang}`) ?? '')}</section>`,
  );
  return page(
    lang,
    text.title,
    [
      `<h1>${text.title}</h1>`,
      `<p>${text.intro(addresses.origin, addresses.apiUrl)}</p>`,
      ...(sameOrigin ? [`<p><strong>${text.sameOrigin}</strong></p>`] : []),
      ...sections,
    ].join('\n'),
  );
}
