/**
 * The two pages of the consent routes, in nb and en, styled by the notice's stylesheet (one CSP hash):
 *
 * - the visitor's records (`GET /consent/{consentId}` in a browser): every choice kept under the id, and a
 *   plain form that erases them (`POST /consent/{consentId}/erase`; no script);
 * - the demo (`GET /consent/demo`): a page of the clinic's website with Google Tag Manager, Google Analytics 4
 *   and the Meta Pixel written the way their vendors give them, each inert and gated by the banner, so what
 *   loads when can be watched (and tested) locally. Only the trackers the policy lists are on it, each under
 *   the purpose the policy gives it.
 */
import { createHash } from 'node:crypto';
import { escapeHtml, type Html, html } from '../policy/html';
import type { Language } from '../policy/language';
import type { PolicyDocument } from '../policy/schema';
import { RECORD_PAGE_TEXT } from './i18n';
import { consentPurposes } from './purposes';
import type { ConsentRecordView } from './record';

const LOCALE: Record<Language, string> = { nb: 'nb-NO', en: 'en-GB' };

function page(lang: Language, title: string, body: Html): string {
  return `<!doctype html>\n${
    html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="stylesheet" href="data:,">
</head>
<body>
${body}
</body>
</html>`.value
  }\n`;
}

/** Pages whose only style is the notice's stylesheet, inlined; its hash is in the CSP. */
function styled(document: string, style: string): string {
  return document.replace('<link rel="stylesheet" href="data:,">', `<style>${style}</style>`);
}

function when(iso: string, lang: Language): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE[lang], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Oslo',
  }).format(at);
}

/** `labels`: the purposes' names for this page's language; an id without one is shown as it is. */
export function renderRecordPage(
  records: readonly ConsentRecordView[],
  lang: Language,
  labels: Readonly<Record<string, string>>,
  style: string,
): string {
  const t = RECORD_PAGE_TEXT[lang];
  const id = records[0]?.consentId ?? '';
  const other: Language = lang === 'nb' ? 'en' : 'nb';
  const rows = records.map(
    (record) => html`<section aria-label="${when(record.recordedAt, lang)}">
<h2>${when(record.recordedAt, lang)}</h2>
<dl>
<dt>${t.action}</dt><dd>${t.actions[record.action]}</dd>
${Object.entries(record.choices).map(
  ([purpose, yes]) => html`<dt>${labels[purpose] ?? purpose}</dt><dd>${yes ? t.yes : t.no}</dd>
`,
)}<dt>${t.decidedAt}</dt><dd>${when(record.decidedAt, lang)}</dd>
<dt>${t.policyVersion}</dt><dd>${record.policyVersion}</dd>
<dt>${t.keptUntil}</dt><dd>${record.keptUntil}</dd>
</dl>
</section>`,
  );
  const document = page(
    lang,
    t.title,
    html`<p class="lang"><a href="?lang=${other}" lang="${other}">${t.otherLanguage}</a></p>
<h1>${t.title}</h1>
<p>${t.intro}</p>
<p class="meta">${t.consentId}: <code>${id}</code></p>
${rows}
<h2>${t.eraseTitle}</h2>
<p>${t.eraseIntro}</p>
<form method="post" action="${encodeURIComponent(id)}/erase?lang=${lang}">
<button type="submit">${t.eraseButton}</button>
</form>`,
  );
  return styled(document, style);
}

export function renderErasedPage(lang: Language, style: string): string {
  const t = RECORD_PAGE_TEXT[lang];
  return styled(page(lang, t.erasedTitle, html`<h1>${t.erasedTitle}</h1>\n<p>${t.erasedIntro}</p>`), style);
}

/**
 * The trackers as their vendors give them to a website (placeholder ids), by the policy's system id. Each is
 * written inert; the banner turns it on. Google's gtag.js snippet and the GTM container both feed
 * `dataLayer`, where the banner has put Consent Mode's defaults first.
 */
const TRACKER_TAGS: Record<string, (purpose: string) => string> = {
  'google-tag-manager': (purpose) =>
    `<script type="text/plain" data-consent="${purpose}">(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-DEMO000');</script>`,
  'google-analytics': (purpose) =>
    `<script type="text/plain" data-consent="${purpose}" async src="https://www.googletagmanager.com/gtag/js?id=G-DEMO000000"></script>\n<script type="text/plain" data-consent="${purpose}">window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config','G-DEMO000000');</script>`,
  'facebook-pixel': (purpose) =>
    `<script type="text/plain" data-consent="${purpose}">!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,document,'script','https://connect.facebook.net/en_US/fbevents.js');fbq('init','000000000000000');fbq('track','PageView');</script>`,
};

/** The trackers of the demo page, as the policy lists them: each tag's HTML and its inline script texts. */
export function demoTags(policy: Pick<PolicyDocument, 'systems'>): { html: string; inlineScripts: string[] } {
  const tags = consentPurposes(policy).flatMap((purpose) =>
    purpose.tools.flatMap((tool) => TRACKER_TAGS[tool.systemId]?.(escapeHtml(purpose.id)) ?? []),
  );
  const inlineScripts = [
    ...tags.join('\n').matchAll(/<script type="text\/plain"[^>]*>([^<]+)<\/script>/g),
  ].map((match) => match[1] ?? '');
  return { html: tags.join('\n'), inlineScripts };
}

export const sha256Base64 = (text: string) => createHash('sha256').update(text).digest('base64');

const DEMO_TEXT: Record<
  Language,
  { title: string; lead: string; body: string; change: string; policy: string }
> = {
  nb: {
    title: 'Nettstedet til {name} (demo)',
    lead: 'En side av nettstedet, med samtykkebanneret og sporingsverktøyene personvernerklæringen nevner.',
    body: 'Google Tag Manager, Google Analytics og Meta-pikselen står på siden, men kjører først når du har sagt ja til formålet deres. Uten svar, eller med «Avvis alle», prøver nettleseren ikke engang å hente dem.',
    change: 'Endre samtykke',
    policy: 'Personvernerklæring',
  },
  en: {
    title: '{name}’s website (demo)',
    lead: 'A page of the website, with the consent banner and the trackers the privacy policy names.',
    body: 'Google Tag Manager, Google Analytics and the Meta Pixel are on the page, but run only once you have said yes to their purpose. Without an answer, or with "Reject all", the browser does not even try to fetch them.',
    change: 'Change consent',
    policy: 'Privacy policy',
  },
};

/** `root` is the API's root relative to the page (`..` from `/consent/demo`). */
export function renderDemoPage(
  policy: Pick<PolicyDocument, 'systems' | 'organisation'>,
  lang: Language,
  root: string,
  style: string,
): string {
  const t = { ...DEMO_TEXT[lang], title: DEMO_TEXT[lang].title.replace('{name}', policy.organisation.name) };
  const other: Language = lang === 'nb' ? 'en' : 'nb';
  const body = html`<p class="lang"><a href="?lang=${other}" lang="${other}">${other === 'en' ? 'English' : 'Norsk'}</a></p>
<h1>${t.title}</h1>
<p>${t.lead}</p>
<p>${t.body}</p>
<footer><p><a href="#" data-consent-open>${t.change}</a> · <a href="${root}/policy?lang=${lang}">${t.policy}</a></p></footer>`;
  const document = page(lang, t.title, body)
    .replace(
      '<meta name="referrer" content="no-referrer">',
      `<meta name="referrer" content="no-referrer">\n<script src="${escapeHtml(root)}/consent.js"></script>`,
    )
    .replace('</body>', `${demoTags(policy).html}\n</body>`);
  return styled(document, style);
}
