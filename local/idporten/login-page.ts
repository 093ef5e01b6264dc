/**
 * The pages a person sees at the local ID-porten: a one-field sign-in like ID-porten's TestID
 * ("Personidentifikator", "Autentiser", "Avbryt") and the provider's error page. Norwegian (bokmål), English
 * when the relying party asked for `ui_locales=en`. No external assets: the page works offline.
 *
 *   GET  /interaction/:uid         the sign-in page
 *   POST /interaction/:uid/login   `pid=<11 digits>`: a listed test user signs in at their own level
 *   POST /interaction/:uid/abort   the person cancels: `error=access_denied` back to the relying party
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ErrorOut, errors, type KoaContextWithOIDC, type default as Provider } from 'oidc-provider';
import { testUserByPid } from './test-users';

export const INTERACTION_PATH = '/interaction';

type Language = 'nb' | 'en';

const TEXT = {
  nb: {
    title: 'ID-porten (lokal test)',
    heading: 'Logg inn med TestID',
    intro: 'Lokal test av ID-porten. Bruk en av testbrukerne i README.',
    label: 'Personidentifikator',
    submit: 'Autentiser',
    cancel: 'Avbryt',
    malformed: 'Personidentifikatoren må være 11 siffer.',
    unknown: 'Ingen testbruker har dette nummeret. Testbrukerne står i README.',
    expired:
      'Innloggingen er utløpt eller ble ikke startet i denne nettleseren. Gå tilbake til tjenesten og start på nytt.',
    notFound: 'Siden finnes ikke.',
    failed: 'Noe gikk galt i den lokale ID-porten. Gå tilbake til tjenesten og start på nytt.',
    errorHeading: 'Innloggingen kunne ikke fullføres',
  },
  en: {
    title: 'ID-porten (local test)',
    heading: 'Sign in with TestID',
    intro: 'A local test of ID-porten. Use one of the test users in the README.',
    label: 'Personal identifier',
    submit: 'Authenticate',
    cancel: 'Cancel',
    malformed: 'The personal identifier must be 11 digits.',
    unknown: 'No test user has this number. The test users are listed in the README.',
    expired:
      'The sign-in has expired or was not started in this browser. Go back to the service and start again.',
    notFound: 'There is no such page.',
    failed: 'Something went wrong in the local ID-porten. Go back to the service and start again.',
    errorHeading: 'The sign-in could not be completed',
  },
} as const satisfies Record<Language, Record<string, string>>;

/** oidc-provider's interaction ids are nanoids; anything else in the path is not one. */
const UID = /^[A-Za-z0-9_-]{1,64}$/;
/** A form with one short field: anything larger is not from this page. */
const MAX_BODY_BYTES = 4096;

/** Answers every request under INTERACTION_PATH; never throws, never shows a stack. */
export async function handleInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const [uid, action, ...rest] = path.slice(INTERACTION_PATH.length + 1).split('/');
    if (uid === undefined || !UID.test(uid) || rest.length > 0)
      return page(res, 404, message('nb', 'notFound'));
    if (req.method === 'GET' && action === undefined) return await showSignIn(provider, req, res, uid);
    if (req.method === 'POST' && action === 'login') return await signIn(provider, req, res, uid);
    if (req.method === 'POST' && action === 'abort') return await cancel(provider, req, res, uid);
    return page(res, 404, message('nb', 'notFound'));
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // No interaction cookie, or its interaction expired.
    if (error instanceof errors.SessionNotFound) return page(res, 400, message('nb', 'expired'));
    if (error instanceof BodyTooLargeError) return page(res, 413, message('nb', 'failed'));
    // Name only: a message could one day carry what was typed.
    console.error(`ID-porten (local): the sign-in page failed: ${(error as Error)?.name ?? 'unknown error'}`);
    return page(res, 500, message('nb', 'failed'));
  }
}

/** The provider's own error page (a bad authorization request, an unknown client), in the same look. */
export function renderProviderError(ctx: KoaContextWithOIDC, out: ErrorOut): void {
  ctx.type = 'html';
  ctx.set('cache-control', 'no-store');
  ctx.set('content-security-policy', CSP);
  ctx.body = html(
    'nb',
    `<h1>${TEXT.nb.errorHeading}</h1>
<p><code>${escapeHtml(out.error)}</code></p>
${out.error_description === undefined ? '' : `<p>${escapeHtml(out.error_description)}</p>`}`,
  );
}

async function showSignIn(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  uid: string,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const language = languageOf(details.params.ui_locales);
  if (details.uid !== uid) return page(res, 400, message(language, 'expired'));
  page(res, 200, signInForm(language, uid));
}

async function signIn(provider: Provider, req: IncomingMessage, res: ServerResponse, uid: string) {
  const form = new URLSearchParams(await readBody(req));
  const details = await provider.interactionDetails(req, res);
  const language = languageOf(details.params.ui_locales);
  if (details.uid !== uid) return page(res, 400, message(language, 'expired'));
  const typed = (form.get('pid') ?? '').replace(/\s+/g, '');
  if (!/^\d{11}$/.test(typed)) {
    return page(res, 400, signInForm(language, uid, { typed, problem: 'malformed' }));
  }
  const user = testUserByPid(typed);
  if (user === undefined) return page(res, 400, signInForm(language, uid, { typed, problem: 'unknown' }));
  // No consent screen at ID-porten: signing in grants the relying party what it asked for, `openid`.
  const grant = new provider.Grant({ accountId: user.pid, clientId: String(details.params.client_id) });
  grant.addOIDCScope('openid');
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.pid, acr: user.acr, amr: [...user.amr] }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

async function cancel(provider: Provider, req: IncomingMessage, res: ServerResponse, uid: string) {
  await readBody(req);
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return page(res, 400, message(languageOf(details.params.ui_locales), 'expired'));
  await provider.interactionFinished(
    req,
    res,
    { error: 'access_denied', error_description: 'The end-user cancelled the sign-in' },
    { mergeWithLastSubmission: false },
  );
}

function signInForm(
  language: Language,
  uid: string,
  error?: { readonly typed: string; readonly problem: 'malformed' | 'unknown' },
): string {
  const t = TEXT[language];
  const action = `${INTERACTION_PATH}/${uid}`;
  const invalid = error === undefined ? '' : ' aria-invalid="true" aria-describedby="pid-error"';
  return html(
    language,
    `<h1>${t.heading}</h1>
<p>${t.intro}</p>
<form method="post" action="${escapeHtml(`${action}/login`)}">
  <label for="pid">${t.label}</label>
  <input id="pid" name="pid" type="text" inputmode="numeric" autocomplete="off" maxlength="32" required autofocus value="${escapeHtml((error?.typed ?? '').slice(0, 32))}"${invalid}>
  ${error === undefined ? '' : `<p id="pid-error" class="error" role="alert">${t[error.problem]}</p>`}
  <div class="actions">
    <button type="submit">${t.submit}</button>
    <button type="submit" class="cancel" formaction="${escapeHtml(`${action}/abort`)}" formnovalidate>${t.cancel}</button>
  </div>
</form>`,
  );
}

function message(language: Language, key: 'expired' | 'notFound' | 'failed'): string {
  return html(language, `<h1>${TEXT[language].errorHeading}</h1>\n<p>${TEXT[language][key]}</p>`);
}

// The sign-in form posts here and is then redirected to the relying party: no form-action, which browsers
// also apply to that redirect.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

function html(language: Language, body: string): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${TEXT[language].title}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1e2b3c}
label{display:block;font-weight:600;margin:1.5rem 0 .5rem}
input{box-sizing:border-box;width:100%;font-size:1.1rem;padding:.6rem;border:2px solid #1e2b3c;border-radius:4px}
input[aria-invalid]{border-color:#b3261e}
.error{color:#b3261e}
.actions{display:flex;gap:1rem;align-items:center;margin-top:1.5rem}
button{font-size:1rem;padding:.6rem 1.4rem;border-radius:4px;border:2px solid #0062ba;background:#0062ba;color:#fff;cursor:pointer}
button.cancel{background:none;border-color:transparent;color:#0062ba;text-decoration:underline;padding:.6rem 0}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function page(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

/** `ui_locales` is a space-separated preference list: the first language this page has wins. */
function languageOf(uiLocales: unknown): Language {
  for (const tag of typeof uiLocales === 'string' ? uiLocales.split(' ') : []) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'en') return 'en';
    if (primary === 'nb' || primary === 'nn' || primary === 'no') return 'nb';
  }
  return 'nb';
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLargeError());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
