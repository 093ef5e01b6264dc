/**
 * The forms' only stylesheet, one constant so the handler can hash it into the CSP
 * (`style-src 'sha256-…'`). The pages work without it: it adds spacing, visible focus, error colours
 * with at least 4.5:1 contrast in light and dark mode, and moves the honeypot off-screen.
 */
export const FORM_PAGE_STYLE = `
:root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; --error: #b3261e; --accent: #1d5e2a; }
@media (prefers-color-scheme: dark) { :root { --error: #ffb4ab; --accent: #1d5e2a; } }
[hidden] { display: none !important; }
body { margin: 0 auto; max-width: 40rem; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0.5rem 0 1rem; overflow-wrap: anywhere; hyphens: auto; }
a { color: LinkText; text-underline-offset: 0.15em; }
.lang { text-align: right; margin: 0; font-size: 0.95rem; }
.field { margin: 0 0 1.5rem; }
label, legend { display: block; font-weight: 600; margin: 0 0 0.25rem; }
fieldset { border: 1px solid color-mix(in srgb, CanvasText 40%, Canvas); border-radius: 0.25rem; padding: 0.75rem 1rem 0.25rem; margin: 0 0 1.75rem; }
fieldset.field { border: 0; padding: 0; }
legend { font-size: 1.15rem; padding: 0 0.25rem; }
fieldset.field > legend { padding: 0; }
.hint { margin: 0 0 0.4rem; font-size: 0.95rem; }
input:not([type="radio"], [type="checkbox"]), select, textarea { font: inherit; color: CanvasText; background: Canvas; box-sizing: border-box; width: 100%; padding: 0.5rem 0.6rem; border: 2px solid CanvasText; border-radius: 0.25rem; }
input[type="tel"], input[type="date"] { max-width: 18rem; }
textarea { min-height: 9rem; resize: vertical; }
.choice { display: grid; grid-template-columns: auto 1fr; column-gap: 0.6rem; margin: 0 0 0.9rem; }
.choice input { width: 1.3rem; height: 1.3rem; margin: 0.15rem 0 0; accent-color: var(--accent); }
.choice label { margin: 0; }
.choice .hint { grid-column: 2; margin: 0.1rem 0 0; }
.field-error { color: var(--error); font-weight: 600; margin: 0 0 0.4rem; }
[aria-invalid="true"]:not([type="radio"], [type="checkbox"]) { border-color: var(--error); border-width: 3px; }
.error-summary:not(:empty) { border: 3px solid var(--error); border-radius: 0.25rem; padding: 0.75rem 1rem; margin: 0 0 1.5rem; }
.error-summary h2 { font-size: 1.2rem; margin: 0 0 0.5rem; }
.error-summary ul { margin: 0; padding-left: 1.25rem; }
.error-summary a { color: var(--error); font-weight: 600; }
.error-summary p { margin: 0; font-weight: 600; }
button { font: inherit; font-weight: 600; color: #fff; background: var(--accent); border: 2px solid transparent; border-radius: 0.25rem; padding: 0.65rem 1.4rem; cursor: pointer; }
button:disabled { opacity: 0.65; cursor: progress; }
:focus-visible { outline: 3px solid CanvasText; outline-offset: 2px; }
.privacy, .note { font-size: 0.95rem; }
.counter { font-size: 0.9rem; color: var(--muted, #555); margin: 0.25rem 0 0; }
.counter.over { color: var(--error); font-weight: 600; }
.hp { position: absolute; left: -10000px; top: auto; width: 1px; height: 1px; overflow: hidden; }
`.trim();
