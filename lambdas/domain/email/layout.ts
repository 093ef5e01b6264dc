/**
 * One email is written once, as a list of blocks, and laid out twice: as plain text and as HTML. The
 * two bodies cannot drift apart, and every value reaches the HTML through `html`, which escapes it.
 *
 * The HTML is deliberately plain: inline styles (mail clients drop <style> and external CSS), one
 * column, no images at all (so nothing loads from elsewhere and nothing can track the reader), and
 * readable with styles switched off.
 */

import { type Html, html, join } from '../policy/html';
import { formatDate } from '../policy/i18n';
import type { Language } from '../policy/language';

/** A date is shown in the reader's language and kept machine-readable in the HTML. */
export interface DateValue {
  readonly date: string;
}

export type FactValue = string | DateValue;

/**
 * What a reader clicks: a button in the HTML, only the address in the plain text. A sentence that points at
 * it is written for each, so the plain text never tells the reader to press a button it does not have.
 */
export type Control = 'button' | 'link';

export type Block =
  | { readonly kind: 'paragraph'; readonly text: string | ((control: Control) => string) }
  | { readonly kind: 'heading'; readonly text: string }
  | {
      readonly kind: 'facts';
      readonly caption: string;
      readonly rows: readonly (readonly [string, FactValue])[];
    }
  | { readonly kind: 'code'; readonly label: string; readonly code: string }
  | { readonly kind: 'button'; readonly label: string; readonly url: string; readonly fallback: string }
  | { readonly kind: 'steps'; readonly items: readonly string[] }
  /** Secondary text: the "if this wasn't you" line, the sign-off. Lines are kept apart in both bodies. */
  | { readonly kind: 'small'; readonly lines: readonly string[] };

export interface Layout {
  readonly lang: Language;
  readonly subject: string;
  readonly body: readonly Block[];
  readonly footer: readonly Block[];
}

const FONT = 'font-family:-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica,Arial,sans-serif';
const STYLE = {
  body: 'margin:0;padding:0;background-color:#f3f4f6',
  outer: 'max-width:600px;margin:0 auto;padding:24px 12px',
  card: `background-color:#ffffff;border-radius:6px;padding:24px;${FONT};font-size:16px;line-height:1.5;color:#1f2328`,
  paragraph: 'margin:0 0 16px 0',
  heading: 'margin:24px 0 8px 0;font-size:18px;line-height:1.3',
  table: 'border-collapse:collapse;margin:0 0 16px 0',
  caption: 'text-align:left;font-weight:bold;padding:0 0 4px 0',
  th: 'text-align:left;vertical-align:top;font-weight:normal;color:#4b5563;padding:2px 16px 2px 0',
  td: 'vertical-align:top;padding:2px 0',
  code: 'margin:0 0 16px 0;font-family:SFMono-Regular,Consolas,Liberation Mono,monospace;font-size:28px;font-weight:bold;letter-spacing:4px',
  buttonWrap: 'margin:0 0 8px 0',
  button:
    'display:inline-block;background-color:#0b57d0;color:#ffffff;padding:12px 20px;border-radius:4px;font-weight:bold;text-decoration:none',
  fallback: 'margin:0 0 16px 0;font-size:14px;color:#4b5563;word-break:break-all',
  link: 'color:#0b57d0',
  list: 'margin:0 0 16px 0;padding:0 0 0 24px',
  small: 'margin:0 0 12px 0;font-size:14px;color:#4b5563',
  footer: `${FONT};font-size:13px;line-height:1.5;color:#4b5563;padding:12px 24px`,
} as const;

export function layoutText({ lang, body, footer }: Layout): string {
  const blocks = [...body, ...footer].map((block) => blockText(block, lang));
  return `${blocks.join('\n\n')}\n`;
}

export function layoutHtml({ lang, subject, body, footer }: Layout): string {
  const page = html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${subject}</title>
</head>
<body style="${STYLE.body}">
<div role="article" aria-roledescription="email" aria-label="${subject}" lang="${lang}" style="${STYLE.outer}">
<div style="${STYLE.card}">
${join(
  body.map((block) => blockHtml(block, lang)),
  '\n',
)}
</div>
<div style="${STYLE.footer}">
${join(
  footer.map((block) => blockHtml(block, lang)),
  '\n',
)}
</div>
</div>
</body>
</html>
`;
  return `<!doctype html>\n${page.value}`;
}

function factText(value: FactValue, lang: Language): string {
  return typeof value === 'string' ? value : formatDate(value.date, lang);
}

function blockText(block: Block, lang: Language): string {
  switch (block.kind) {
    case 'paragraph':
      return typeof block.text === 'string' ? block.text : block.text('link');
    case 'heading':
      return `${block.text}\n${'-'.repeat(block.text.length)}`;
    case 'facts':
      return block.rows.map(([label, value]) => `${label}: ${factText(value, lang)}`).join('\n');
    case 'code':
      // The code alone on its line, as one run of digits: easy to find, copy and match.
      return `${block.label}\n\n    ${block.code}`;
    case 'button':
      // The address on a line of its own, so every mail client turns it into a link.
      return `${block.label}:\n${block.url}`;
    case 'steps':
      return block.items.map((item, index) => `${index + 1}. ${item}`).join('\n');
    case 'small':
      return block.lines.join('\n');
  }
}

function blockHtml(block: Block, lang: Language): Html {
  switch (block.kind) {
    case 'paragraph':
      return html`<p style="${STYLE.paragraph}">${typeof block.text === 'string' ? block.text : block.text('button')}</p>`;
    case 'heading':
      return html`<h2 style="${STYLE.heading}">${block.text}</h2>`;
    case 'facts':
      return html`<table style="${STYLE.table}">
<caption style="${STYLE.caption}">${block.caption}</caption>
${block.rows.map(
  ([label, value]) =>
    html`<tr><th scope="row" style="${STYLE.th}">${label}</th><td style="${STYLE.td}">${factHtml(value, lang)}</td></tr>\n`,
)}</table>`;
    case 'code':
      return html`<p style="${STYLE.paragraph}">${block.label}</p>
<p style="${STYLE.code}">${block.code}</p>`;
    case 'button':
      return html`<p style="${STYLE.buttonWrap}"><a href="${block.url}" style="${STYLE.button}">${block.label}</a></p>
<p style="${STYLE.fallback}">${block.fallback} <a href="${block.url}" style="${STYLE.link}">${block.url}</a></p>`;
    case 'steps':
      return html`<ol style="${STYLE.list}">
${block.items.map((item) => html`<li>${item}</li>\n`)}</ol>`;
    case 'small':
      return html`<p style="${STYLE.small}">${join(
        block.lines.map((line) => html`${line}`),
        '<br>',
      )}</p>`;
  }
}

function factHtml(value: FactValue, lang: Language): Html {
  return typeof value === 'string'
    ? html`${value}`
    : html`<time datetime="${value.date}">${formatDate(value.date, lang)}</time>`;
}
