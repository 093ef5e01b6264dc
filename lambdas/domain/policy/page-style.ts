/**
 * The notice's only stylesheet. It is one constant so the handler can put its SHA-256 hash in the
 * Content-Security-Policy (`style-src 'sha256-…'`); any change here changes the hash automatically.
 * The page is complete without it: these rules only make it calmer to read and to print.
 */
export const POLICY_PAGE_STYLE = `
:root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.55; }
body { margin: 0 auto; max-width: 46rem; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0.5rem 0 0.25rem; }
h2 { font-size: 1.4rem; margin-top: 2.5rem; padding-top: 0.5rem; border-top: 1px solid color-mix(in srgb, currentColor 20%, transparent); }
h3 { font-size: 1.1rem; margin-top: 1.75rem; }
a { color: LinkText; text-underline-offset: 0.15em; }
.meta, .lang { font-size: 0.95rem; opacity: 0.85; }
.lang { text-align: right; margin: 0; }
nav ol { columns: 2 14rem; padding-left: 1.25rem; }
dl { margin: 0.75rem 0; }
dt { font-weight: 600; margin-top: 0.6rem; }
dd { margin: 0.15rem 0 0 1rem; }
dd ul, dd p { margin: 0.15rem 0; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.4rem; }
th, td { border: 1px solid color-mix(in srgb, currentColor 25%, transparent); padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: color-mix(in srgb, currentColor 7%, transparent); }
.table-wrap { overflow-x: auto; }
.note { font-size: 0.9rem; }
footer { margin-top: 3rem; font-size: 0.9rem; opacity: 0.85; }
@media print {
  :root { color-scheme: light; font-size: 11pt; }
  body { max-width: none; padding: 0; }
  nav, .lang { display: none; }
  h2, h3 { break-after: avoid; }
  tr, dt, dd { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
}
`.trim();
