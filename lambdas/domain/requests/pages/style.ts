/**
 * The requester's pages' only stylesheet: the forms' look (same fonts, colours, focus and error styles)
 * plus a few rules of their own. One constant, so the handler can hash it into the CSP
 * (`style-src 'sha256-…'`); the pages work without it.
 */
import { FORM_PAGE_STYLE } from '../../forms/style';

const OWN_RULES = `
.summary { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 0 0 1.75rem; }
.summary dt { font-weight: 600; }
.summary dd { margin: 0; overflow-wrap: anywhere; }
@media (max-width: 30rem) { .summary { grid-template-columns: 1fr; } .summary dd { margin: 0 0 0.5rem; } }
h2 { font-size: 1.4rem; margin: 2rem 0 0.75rem; }
input[name="code"] { max-width: 10rem; font-variant-numeric: tabular-nums; letter-spacing: 0.15em; }
.resend { margin: 2rem 0 0; }
.resend p { margin: 0 0 0.5rem; }
button.secondary { color: LinkText; background: transparent; border-color: currentColor; }
footer { margin-top: 3rem; font-size: 0.95rem; }
`.trim();

export const REQUEST_PAGE_STYLE = `${FORM_PAGE_STYLE}\n${OWN_RULES}`;
