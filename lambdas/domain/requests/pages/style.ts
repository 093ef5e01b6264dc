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
h2 { font-size: 1.4rem; margin: 2rem 0 0.75rem; overflow-wrap: anywhere; hyphens: auto; }
input[name="code"] { max-width: 10rem; font-variant-numeric: tabular-nums; letter-spacing: 0.15em; }
.resend { margin: 2rem 0 0; }
.resend p { margin: 0 0 0.5rem; }
button.secondary { color: LinkText; background: transparent; border-color: currentColor; }
footer { margin-top: 3rem; font-size: 0.95rem; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.progress { list-style: none; display: flex; flex-wrap: wrap; gap: 0.75rem 0.5rem; margin: 0 0 1.75rem; padding: 0; counter-reset: step; }
.progress li { flex: 1 1 8rem; min-width: 0; padding: 0.4rem 0 0; border-top: 0.35rem solid color-mix(in srgb, CanvasText 25%, Canvas); counter-increment: step; }
.progress li::before { content: counter(step) ". "; }
.progress .done, .progress .current { border-top-color: var(--accent); }
.progress .current { border-top-style: dashed; }
.progress [aria-current] { font-weight: 600; }
a.button { display: inline-block; font-weight: 600; color: #fff; background: var(--accent); border-radius: 0.25rem; padding: 0.65rem 1.4rem; text-decoration: none; }
a.button:hover { text-decoration: underline; }
a.button.secondary { color: LinkText; background: transparent; border: 2px solid currentColor; }
`.trim();

export const REQUEST_PAGE_STYLE = `${FORM_PAGE_STYLE}\n${OWN_RULES}`;
