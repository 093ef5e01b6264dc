/**
 * The notice's only stylesheet. It is one constant so the handler can put its SHA-256 hash in the
 * Content-Security-Policy (`style-src 'sha256-…'`); any change here changes the hash automatically.
 * The page is complete without it: these rules only make it calmer to read and to print. The privacy
 * centre (`GET /`, centre.ts) shares it, so both pages look alike and one CSP hash covers them.
 *
 * Phones (390 px) set its limits: nothing may be wider than the screen. Long Norwegian compounds
 * ("Personvernerklæring") break, hyphenated where the browser has a dictionary for the page's `lang`;
 * tables too wide to fit scroll inside their own box, which shows a shadow at the edge that hides
 * columns and a hint that it scrolls.
 */
export const POLICY_PAGE_STYLE = `
:root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.55; }
body { margin: 0 auto; max-width: 46rem; padding: 1.5rem 1rem 3rem; overflow-wrap: break-word; }
h1 { font-size: clamp(1.6rem, 1rem + 3vw, 2rem); line-height: 1.2; margin: 0.5rem 0 0.25rem; }
h1, h2, h3 { hyphens: auto; }
h2 { font-size: 1.4rem; margin-top: 2.5rem; padding-top: 0.5rem; border-top: 1px solid color-mix(in srgb, currentColor 20%, transparent); }
h3 { font-size: 1.1rem; margin-top: 1.75rem; }
a { color: LinkText; text-underline-offset: 0.15em; }
.meta, .lang, .home { font-size: 0.95rem; opacity: 0.85; }
.lang { text-align: right; margin: 0 0 0 auto; }
.top { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
.home { margin: 0; }
nav ol { columns: 2 14rem; padding-left: 1.25rem; }
dl { margin: 0.75rem 0; }
dt { font-weight: 600; margin-top: 0.6rem; }
dd { margin: 0.15rem 0 0 1rem; }
dd ul, dd p { margin: 0.15rem 0; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.4rem; }
th, td { border: 1px solid color-mix(in srgb, currentColor 25%, transparent); padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: color-mix(in srgb, currentColor 7%, transparent); }
.table-wrap { overflow-x: auto; background: linear-gradient(to right, Canvas 30%, transparent) left / 2rem 100% no-repeat local, linear-gradient(to left, Canvas 30%, transparent) right / 2rem 100% no-repeat local, radial-gradient(farthest-side at 0 50%, color-mix(in srgb, CanvasText 30%, transparent), transparent) left / 0.75rem 100% no-repeat scroll, radial-gradient(farthest-side at 100% 50%, color-mix(in srgb, CanvasText 30%, transparent), transparent) right / 0.75rem 100% no-repeat scroll; }
.table-wrap:focus-visible, .cards a:focus-visible { outline: 3px solid CanvasText; outline-offset: 2px; }
.scroll-hint { display: none; font-size: 0.9rem; margin: 0.5rem 0 -0.5rem; }
@media (max-width: 48rem) { .scroll-hint { display: block; } }
.cards { list-style: none; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 19rem), 1fr)); align-items: start; }
.cards > li { border: 1px solid color-mix(in srgb, currentColor 25%, transparent); border-radius: 0.5rem; padding: 0.25rem 1rem 0.75rem; }
.cards h3 { margin-top: 0.75rem; }
.note { font-size: 0.9rem; }
footer { margin-top: 3rem; font-size: 0.9rem; opacity: 0.85; }
@media print {
  :root { color-scheme: light; font-size: 11pt; }
  body { max-width: none; padding: 0; }
  nav, .top, .scroll-hint { display: none; }
  h2, h3 { break-after: avoid; }
  tr, dt, dd { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
}
`.trim();
