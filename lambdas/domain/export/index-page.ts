/**
 * index.html: the readable summary at the top of the export ZIP, in the requester's language. It is a
 * standalone document opened from disk: no scripts, no requests to anywhere (a Content-Security-Policy
 * of `default-src 'none'` allows only its own stylesheet), no referrer on the links out, and a table of
 * contents linking to the other files in the ZIP by relative path. Every value is escaped by `html`.
 *
 * Structure: one h1; an h2 for the files, one per Art. 15(1) letter (ids `art15-a` … `art15-h`), then
 * the systems where nothing was found or nothing can be looked up, and how to ask questions.
 */
import { createHash } from 'node:crypto';
import { osloDate } from '../oslo-date';
import { Html, html, type Interpolation } from '../policy/html';
import { formatDate, listPhrase, UI_TEXT } from '../policy/i18n';
import { POLICY_PAGE_STYLE } from '../policy/page-style';
import type { Art15Information, ExportRequest, Reference } from './art15';
import type { ExportFileEntry } from './files';
import { EXPORT_TEXT, type ExportText } from './i18n';

export const INDEX_PAGE_STYLE = `${POLICY_PAGE_STYLE}
.files td:first-child { word-break: break-all; }
.article { font-size: 0.9rem; font-weight: normal; opacity: 0.85; }`;

const STYLE_HASH = createHash('sha256').update(INDEX_PAGE_STYLE).digest('base64');

/** `default-src 'none'` also stops images, fonts, frames and form posts; navigation by link still works. */
export const INDEX_PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'`;

export interface IndexPageInput {
  readonly art15: Art15Information;
  readonly request: ExportRequest;
  /** ISO 8601 instant; shown as the date in Oslo. */
  readonly generatedAt: string;
  readonly files: readonly ExportFileEntry[];
}

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;
type Letter = (typeof LETTERS)[number];

interface Context {
  readonly art15: Art15Information;
  readonly text: ExportText;
  readonly lang: Art15Information['lang'];
}

export function renderIndexPage({ art15, request, generatedAt, files }: IndexPageInput): string {
  const lang = art15.lang;
  const text = EXPORT_TEXT[lang];
  const ctx: Context = { art15, text, lang };
  const title = `${art15.organisation}: ${request.type === 'portability' ? text.title.portability : text.title.access}`;
  const generatedDate = osloDate(new Date(generatedAt));
  const sections: { id: string; title: string; body: Interpolation; letter?: Letter }[] = [
    { id: 'files', title: text.files.heading, body: filesSection(files, ctx) },
    { id: 'art15-a', letter: 'a', title: text.letters.a, body: purposesSection(ctx) },
    { id: 'art15-b', letter: 'b', title: text.letters.b, body: categoriesSection(ctx) },
    { id: 'art15-c', letter: 'c', title: text.letters.c, body: recipientsSection(ctx) },
    { id: 'art15-d', letter: 'd', title: text.letters.d, body: retentionSection(ctx) },
    { id: 'art15-e', letter: 'e', title: text.letters.e, body: rightsSection(ctx) },
    { id: 'art15-f', letter: 'f', title: art15.complaint.title, body: complaintSection(ctx) },
    { id: 'art15-g', letter: 'g', title: text.letters.g, body: sourcesSection(ctx) },
    {
      id: 'art15-h',
      letter: 'h',
      title: text.letters.h,
      body: html`<p>${art15.automatedDecisionMaking.statement}</p>\n`,
    },
  ];
  if (art15.nothingFound.length > 0) {
    sections.push({ id: 'nothing-found', title: text.nothingFound.heading, body: nothingFoundSection(ctx) });
  }
  if (art15.notLinkable.length > 0) {
    sections.push({ id: 'not-linkable', title: text.notLinkable.heading, body: notLinkableSection(ctx) });
  }
  if (art15.withheld.length > 0) {
    sections.push({ id: 'withheld', title: text.withheld.heading, body: withheldSection(ctx) });
  }
  sections.push({
    id: 'contact',
    title: text.contact.heading,
    body: html`<p>${text.contact.text(art15.controller.privacyContactEmail)}</p>\n`,
  });

  const page = html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta http-equiv="Content-Security-Policy" content="${INDEX_PAGE_CSP}">
<title>${title}</title>
<style>${new Html(INDEX_PAGE_STYLE)}</style>
</head>
<body>
<header>
<h1>${title}</h1>
<dl class="meta">
<dt>${text.reference}</dt><dd>${request.id}</dd>
<dt>${text.received}</dt><dd><time datetime="${request.receivedDate}">${formatDate(request.receivedDate, lang)}</time></dd>
<dt>${text.generated}</dt><dd>${generatedDate === null ? generatedAt : html`<time datetime="${generatedAt}">${formatDate(generatedDate, lang)}</time>`}</dd>
<dt>${text.controller}</dt><dd>${art15.controller.legalName} (${text.orgNumber} ${art15.controller.orgNumber}), ${art15.controller.address}</dd>
</dl>
<p>${text.intro}</p>
<nav aria-label="${text.contents}">
<ol>
${sections.map((section) => html`<li><a href="#${section.id}">${section.title}</a></li>\n`)}</ol>
</nav>
</header>
<main>
${sections.map(
  (section) => html`<section id="${section.id}" aria-labelledby="${section.id}-title">
<h2 id="${section.id}-title">${section.title}${
    section.letter === undefined
      ? ''
      : html` <span class="article">(${text.article15(section.letter)})</span>`
  }</h2>
${section.body}</section>
`,
)}</main>
<footer>
<p>${text.policyVersion(art15.policy.version)}</p>
</footer>
</body>
</html>
`;
  return `<!doctype html>\n${page.value}`;
}

/** A relative link to a file in the ZIP: each path segment percent-encoded, then escaped by `html`. */
function fileHref(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function filesSection(files: readonly ExportFileEntry[], { text }: Context): Html {
  const describe = (file: ExportFileEntry): string => {
    switch (file.kind) {
      case 'index':
        return text.files.index;
      case 'data':
        return text.files.data;
      case 'csv':
        return text.files.csv(file.systemName, file.recordKind);
      case 'upload':
        return text.files.upload(file.systemName);
    }
  };
  const hasCsv = files.some((file) => file.kind === 'csv');
  return html`<div class="table-wrap"><table class="files">
<caption>${text.files.caption}</caption>
<thead><tr><th scope="col">${text.files.file}</th><th scope="col">${text.files.description}</th></tr></thead>
<tbody>
${files.map(
  (file) =>
    html`<tr><th scope="row"><a href="${fileHref(file.path)}">${file.path}</a></th><td>${describe(file)}</td></tr>\n`,
)}</tbody>
</table></div>
${hasCsv ? html`<p class="note">${text.files.csvNote}</p>\n` : ''}`;
}

function noData({ text }: Context): Html {
  return html`<p>${text.noDataFound}</p>\n`;
}

function purposesSection(ctx: Context): Interpolation {
  const { art15, text } = ctx;
  if (art15.purposes.length === 0) return noData(ctx);
  return art15.purposes.map(
    (purpose) => html`<h3 id="purpose-${purpose.systemId}">${purpose.systemName}</h3>
<p>${purpose.purpose}</p>
<dl>
<dt>${text.legalBasis}</dt><dd><p>${purpose.legalBasis.summary}. ${purpose.legalBasis.explanation}</p>${
      purpose.legalBasis.nationalLaw.length === 0
        ? ''
        : html`<p>${text.seeAlso}: ${purpose.legalBasis.nationalLaw.map(
            (reference, index) => html`${index === 0 ? '' : ', '}${referenceLink(reference)}`,
          )}.</p>`
    }</dd>
</dl>
`,
  );
}

function categoriesSection(ctx: Context): Interpolation {
  const { art15, text, lang } = ctx;
  if (art15.categories.length === 0) return noData(ctx);
  return html`<ul>
${art15.categories.map(
  (category) =>
    html`<li><strong>${category.label}</strong>${category.special ? html` <span class="note">(${text.specialCategory})</span>` : ''}${
      category.description === undefined ? '' : html`: ${category.description}`
    } <span class="note">${text.categoryIn} ${listPhrase(
      category.systems.map((system) => system.systemName),
      lang,
    )}.</span></li>\n`,
)}</ul>
`;
}

function recipientsSection(ctx: Context): Interpolation {
  const { art15, text } = ctx;
  const { recipients, processors, sharingPromise, transfersOutsideEea } = art15.recipients;
  return html`<p>${sharingPromise}</p>
${
  recipients.length === 0
    ? html`<p>${text.noRecipients}</p>\n`
    : html`<p>${text.recipientsIntro}</p>
<ul>
${recipients.map((recipient) => html`<li><strong>${recipient.name}</strong>: ${recipient.purpose}</li>\n`)}</ul>
`
}${
  processors.length === 0
    ? ''
    : html`<p>${text.processorsIntro}</p>
<ul>
${processors.map(
  (processor) =>
    html`<li><strong>${processor.systemName}</strong>, ${text.processor(processor.vendor)}.${
      processor.dataProcessingAgreement ? html` ${text.dataProcessingAgreement}` : ''
    }</li>\n`,
)}</ul>
`
}<p>${transfersOutsideEea.statement}</p>
${
  transfersOutsideEea.transfers.length === 0
    ? ''
    : html`<ul>
${transfersOutsideEea.transfers.map(
  (transfer) =>
    html`<li><strong>${transfer.systemName}</strong>: ${transfer.countryName}, ${transfer.mechanism} (${referenceLink(
      transfer.legalReference,
    )}). ${transfer.description}${
      transfer.safeguards === undefined
        ? ''
        : html` ${text.transferSafeguards} ${
            transfer.safeguards.url === undefined
              ? transfer.safeguards.description
              : html`<a href="${transfer.safeguards.url}" rel="noreferrer">${transfer.safeguards.description}</a>`
          }`
    }</li>
`,
)}</ul>
`
}${
  transfersOutsideEea.notStatedStatement === undefined
    ? ''
    : html`<p>${transfersOutsideEea.notStatedStatement}</p>
`
}`;
}

function retentionSection(ctx: Context): Interpolation {
  const { art15, text } = ctx;
  if (art15.retention.length === 0) return noData(ctx);
  const table = text.retentionTable;
  const withDecisions = art15.retention.some((row) => row.decision !== undefined);
  return html`<div class="table-wrap"><table>
<caption>${table.caption}</caption>
<thead><tr><th scope="col">${table.system}</th><th scope="col">${table.category}</th><th scope="col">${table.period}</th><th scope="col">${table.legalReference}</th>${
    withDecisions ? html`<th scope="col">${table.decision}</th>` : ''
  }</tr></thead>
<tbody>
${art15.retention.map(
  (row) =>
    html`<tr><td>${row.systemName}</td><th scope="row">${row.label}</th><td>${row.rules.map(
      (rule, index) =>
        html`${index === 0 ? '' : html`<br>`}${upperFirst(rule.period)}${rule.note === undefined ? '' : html`<p class="note">${rule.note}</p>`}${rule.erasureDecision === undefined ? '' : html`<p class="note">${rule.erasureDecision}</p>`}`,
    )}</td><td>${row.rules.map(
      (rule, index) => html`${index === 0 ? '' : html`<br>`}${referenceLink(rule.legalReference)}`,
    )}</td>${withDecisions ? html`<td>${row.decision?.text ?? ''}</td>` : ''}</tr>\n`,
)}</tbody>
</table></div>
`;
}

function rightsSection({ art15, text, lang }: Context): Html {
  return html`<p>${text.rightsIntro}</p>
<dl>
${art15.rights.rights.map(
  (right) =>
    html`<dt>${right.title}</dt><dd>${right.description} <span class="note">(${UI_TEXT[lang].gdprArticle(right.gdprArticle)})</span></dd>\n`,
)}</dl>
<p>${art15.rights.limitation}</p>
<p>${art15.rights.howToUse}</p>
`;
}

function complaintSection({ art15, text }: Context): Html {
  const complaint = art15.complaint;
  return html`<p>${complaint.description}</p>
<p>${complaint.contactUsFirst}</p>
<p>${referenceLink({ citation: text.complaintLink(complaint.authority), url: complaint.url })}</p>
`;
}

function sourcesSection(ctx: Context): Interpolation {
  const { art15 } = ctx;
  if (art15.sources.length === 0) return noData(ctx);
  return html`<dl>
${art15.sources.map((source) => html`<dt>${source.systemName}</dt><dd>${source.statement}</dd>\n`)}</dl>
`;
}

function nothingFoundSection({ art15, text }: Context): Html {
  return html`<p>${text.nothingFound.intro}</p>
<ul>
${art15.nothingFound.map((system) => html`<li>${system.systemName}</li>\n`)}</ul>
`;
}

function withheldSection({ art15, text }: Context): Html {
  return html`<p>${text.withheld.intro}</p>
${art15.withheld.map(
  (system) => html`<h3 id="withheld-${system.systemId}">${system.systemName}</h3>
<p>${system.reason}</p>
`,
)}`;
}

function notLinkableSection({ art15, text }: Context): Html {
  return html`<p>${text.notLinkable.intro}</p>
${art15.notLinkable.map(
  (system) => html`<h3 id="not-linkable-${system.systemId}">${system.systemName}</h3>
<p>${system.reason}</p>
${system.whatYouCanDo === undefined ? '' : html`<p>${text.notLinkable.whatYouCanDo} ${system.whatYouCanDo}</p>\n`}`,
)}`;
}

/** Only https links leave the document, and they send no referrer. */
function referenceLink(reference: Reference): Html {
  return reference.url !== undefined && /^https:\/\//.test(reference.url)
    ? html`<a href="${reference.url}" rel="noreferrer">${reference.citation}</a>`
    : html`${reference.citation}`;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
