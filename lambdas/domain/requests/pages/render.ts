/**
 * The requester's own pages as whole HTML documents: the status page behind the emailed link, the
 * answer to a code attempt, the answer to "send me a new code", and the page for a link we cannot match.
 * The pages for a refused ID-porten sign-in (eid.ts) use the same frame.
 *
 * The pages hold no personal data but the name of a child a guardian asks for (see RequestStatusView),
 * no script and no inline style: the one stylesheet is an exported constant the handler hashes into the
 * CSP. Forms are plain HTML posts that the server answers with another page. The URL carries a secret token, so every page tells the browser
 * not to send it on as a referrer and search engines not to index it. Schema imports are type-only: no
 * zod in this bundle.
 */

import { attributes, hiddenField } from '../../forms/fields';
import { Html, html, type Interpolation } from '../../policy/html';
import { formatDate } from '../../policy/i18n';
import type { Language } from '../../policy/language';
import type { PolicyDocument, RequestType } from '../../policy/schema';
import type {
  PublicRequestStatus,
  RequestPageLinks,
  RequestStatusView,
  ResendOutcome,
  VerificationOutcome,
} from '../views';
import { PROGRESS_STEPS, REQUEST_PAGE_TEXT, type RequestPageText } from './i18n';
import { REQUEST_PAGE_STYLE } from './style';

export { REQUEST_PAGE_STYLE } from './style';

/** The status page behind the emailed link: what was asked, when, where it stands and what happens next. */
export function renderStatusPage(
  policy: PolicyDocument,
  view: RequestStatusView,
  links: RequestPageLinks,
): string {
  const { lang } = view;
  const ui = REQUEST_PAGE_TEXT[lang];
  const text = ui.status;
  const closed = view.status === 'closed-unverified';
  const summary = html`<dl class="summary">
<dt>${text.requestType}</dt>
<dd>${requestTypeName(policy, view.type, lang)}</dd>
${view.aboutChild === undefined ? '' : html`<dt>${text.aboutChild}</dt>\n<dd>${view.aboutChild}</dd>\n`}<dt>${text.reference}</dt>
<dd>${view.id}</dd>
<dt>${text.controller}</dt>
<dd>${view.controllerName}</dd>
<dt>${text.received}</dt>
<dd>${date(view.receivedDate, lang)}</dd>
${
  // A closed request is no longer due: showing the date would promise an answer that will not come.
  closed ? '' : html`<dt>${text.due}</dt>\n<dd>${date(view.dueDate, lang)}</dd>\n`
}<dt>${text.status}</dt>
<dd>${text.statusNames[view.status]}</dd>
</dl>
`;
  return page(lang, text.title, {
    policyUrl: links.policyUrl,
    ...(links.otherLanguageUrl === undefined ? {} : { otherLanguageUrl: links.otherLanguageUrl }),
    body: html`${progress(view.status, ui)}${summary}<h2>${text.nextHeading}</h2>
${nextSteps(view, ui)}`,
    after:
      view.status === 'awaiting-verification'
        ? html`${eidOnStatusPage(view, ui, links)}${codeForm(ui, lang, links.verifyUrl)}${resendForm(
            ui,
            lang,
            links.resendUrl,
            'secondary',
          )}`
        : view.status === 'completed' && links.downloadUrl !== undefined
          ? html`<h2>${ui.download.title}</h2>
<p>${ui.download.intro}</p>
${askDownloadForm(ui, lang, links.downloadUrl)}`
          : '',
  });
}

/**
 * ID-porten before the code form. Signed in: the level, and that the code is still to be typed. Not yet:
 * what the sign-in spares the requester, and the link that starts it, the main action when they chose it
 * on the form and an option otherwise. Nothing when the sign-in is not offered.
 */
function eidOnStatusPage(view: RequestStatusView, ui: RequestPageText, links: RequestPageLinks): Html | '' {
  const text = ui.eid;
  const level = view.eid?.signedInLevel;
  if (level !== undefined) {
    return html`<p class="eid-confirmed">${text.signedIn[level]}</p>
<p>${text.typeCodeNow}</p>
`;
  }
  if (links.eidUrl === undefined) return '';
  const chosen = view.eid?.chosen === true;
  return html`<p>${chosen ? text.offer.chosen : text.offer.optional} ${text.offer.why}</p>
${eidButton(
  ui,
  links.eidUrl,
  chosen ? 'primary' : 'secondary',
)}<p class="hint">${text.offer.codeStillNeeded}</p>
`;
}

/** The link that starts the ID-porten sign-in: a GET to our start route, which redirects to ID-porten. */
function eidButton(ui: RequestPageText, href: string, emphasis: 'primary' | 'secondary'): Html {
  return html`<p><a class="${emphasis === 'primary' ? 'button' : 'button secondary'}" href="${href}">${ui.eid.start}</a></p>
`;
}

export type DownloadPageOutcome =
  | { readonly kind: 'code-sent' }
  | { readonly kind: 'too-soon'; readonly retryAfterSeconds: number }
  | { readonly kind: 'no-more-codes'; readonly retryAfterSeconds?: number }
  | { readonly kind: 'wrong-code'; readonly attemptsLeft: number }
  | { readonly kind: 'code-burned' }
  | { readonly kind: 'code-expired' }
  | { readonly kind: 'ready'; readonly url: string }
  | { readonly kind: 'not-available' }
  | { readonly kind: 'export-gone' };

/** The download steps: code sent (enter it), wrong or spent code, the file ready, or nothing to download. */
export function renderDownloadPage(
  outcome: DownloadPageOutcome,
  lang: Language,
  links: RequestPageLinks,
): string {
  const ui = REQUEST_PAGE_TEXT[lang];
  const text = ui.download;
  const action = links.downloadUrl ?? links.verifyUrl;
  const body = (() => {
    switch (outcome.kind) {
      case 'code-sent':
        return html`<p>${text.codeSent}</p>
${codeForm(ui, lang, action)}`;
      case 'too-soon':
        return html`<p>${text.tooSoon}</p>
${codeForm(ui, lang, action)}`;
      case 'no-more-codes':
        // The last code sent may still work: the form stays for it.
        return html`<p>${text.noMoreCodes(outcome.retryAfterSeconds !== undefined)}</p>
${codeForm(ui, lang, action)}`;
      case 'wrong-code':
        return codeForm(ui, lang, action, { error: text.wrongCode(outcome.attemptsLeft) });
      case 'code-burned':
        return html`<p>${text.burned}</p>
${askDownloadForm(ui, lang, action)}`;
      case 'code-expired':
        return html`<p>${text.expired}</p>
${askDownloadForm(ui, lang, action)}`;
      case 'ready':
        // A link the person follows, not a redirect or a timed start: a phone asks about a download on a
        // tap, and a redirect from this form post to S3's origin is one the pages' form-action refuses.
        return html`<p>${text.ready}</p>
<p><a class="button" href="${outcome.url}" type="application/zip">${text.readyLink}</a></p>
<p class="hint">${text.readyHint}</p>
${statusLink(ui, links)}`;
      case 'not-available':
        return html`<p>${text.notAvailable}</p>
`;
      case 'export-gone':
        return html`<p>${text.gone}</p>
`;
    }
  })();
  return page(lang, text.title, { policyUrl: links.policyUrl, body });
}

/** "Send me a code to download": a button posting nothing but the language. */
function askDownloadForm(ui: RequestPageText, lang: Language, action: string): Html {
  return html`<form method="post" action="${action}" enctype="application/x-www-form-urlencoded" accept-charset="utf-8">
${hiddenField('lang', lang)}<button type="submit">${ui.download.askButton}</button>
</form>
`;
}

/** The answer to a code attempt (the form on the status page, or the emailed link). */
export function renderVerificationPage(
  outcome: VerificationOutcome,
  lang: Language,
  links: RequestPageLinks,
): string {
  const ui = REQUEST_PAGE_TEXT[lang];
  const text = ui.verification;
  const policyUrl = links.policyUrl;
  switch (outcome.kind) {
    case 'verified':
      return page(lang, text.verified.title, {
        policyUrl,
        body: html`${paragraphs(text.verified.paragraphs)}${
          links.statusUrl === undefined ? paragraphs([ui.statusLinkInReceipt]) : statusLink(ui, links)
        }`,
      });
    case 'wrong-code':
      // No attempts left is a burned code, whatever the caller called it: the form would not help.
      if (outcome.attemptsLeft < 1) return renderVerificationPage({ kind: 'code-burned' }, lang, links);
      return page(lang, text.wrongCode.title, {
        policyUrl,
        body: paragraphs([text.wrongCode.attemptsLeft(outcome.attemptsLeft)]),
        after: html`${codeForm(ui, lang, links.verifyUrl, { error: text.wrongCode.error })}${resendForm(
          ui,
          lang,
          links.resendUrl,
          'secondary',
        )}`,
      });
    case 'code-burned':
      return page(lang, text.codeBurned.title, {
        policyUrl,
        body: paragraphs(text.codeBurned.paragraphs),
        after: resendForm(ui, lang, links.resendUrl, 'primary'),
      });
    case 'code-expired':
      return page(lang, text.codeExpired.title, {
        policyUrl,
        body: paragraphs(text.codeExpired.paragraphs),
        after: resendForm(ui, lang, links.resendUrl, 'primary'),
      });
    case 'request-closed':
      return page(lang, ui.requestClosed.title, { policyUrl, body: paragraphs(ui.requestClosed.paragraphs) });
    case 'awaiting-eid':
      return awaitingEidPage(ui, lang, links);
  }
}

/**
 * The code confirmed the mailbox; the request still waits for the ID-porten sign-in. The sign-in is the way
 * on; below it, the code once more with `withoutEid`, for someone who would rather not (or cannot) sign in,
 * and staff then check the identity by hand as for an email-only request.
 */
function awaitingEidPage(ui: RequestPageText, lang: Language, links: RequestPageLinks): string {
  const text = ui.eid.awaitingEid;
  const onward =
    links.eidUrl !== undefined
      ? eidButton(ui, links.eidUrl, 'primary')
      : links.statusUrl !== undefined
        ? html`<p><a class="button" href="${links.statusUrl}">${ui.statusLink}</a></p>\n`
        : paragraphs([ui.statusLinkInReceipt]);
  return page(lang, text.title, {
    policyUrl: links.policyUrl,
    body: html`${paragraphs(text.paragraphs)}${onward}`,
    after: html`<h2>${text.without.heading}</h2>
${paragraphs(text.without.paragraphs)}${codeForm(ui, lang, links.verifyUrl, {
  hidden: hiddenField('withoutEid', '1'),
  submit: text.without.submit,
  secondary: true,
})}`,
  });
}

/**
 * The page the emailed confirm link opens. Mail scanners open every link in an email, so opening it
 * confirms nothing; the person presses the button, which posts the code as typing it would.
 */
export function renderConfirmLinkPage(
  code: string | undefined,
  lang: Language,
  links: RequestPageLinks,
): string {
  const ui = REQUEST_PAGE_TEXT[lang];
  // Only six digits are put back into the page: the query is the sender's, not ours.
  const prefilled = code !== undefined && /^\d{6}$/.test(code) ? code : undefined;
  return page(lang, ui.confirmLink.title, {
    policyUrl: links.policyUrl,
    body: paragraphs(ui.confirmLink.paragraphs),
    after: codeForm(ui, lang, links.verifyUrl, prefilled === undefined ? {} : { value: prefilled }),
  });
}

/** The answer to "send me a new code". */
export function renderResendPage(outcome: ResendOutcome, lang: Language, links: RequestPageLinks): string {
  const ui = REQUEST_PAGE_TEXT[lang];
  const text = ui.resend;
  const policyUrl = links.policyUrl;
  switch (outcome.kind) {
    case 'sent':
      return page(lang, text.sent.title, {
        policyUrl,
        body: paragraphs(text.sent.paragraphs),
        after: codeForm(ui, lang, links.verifyUrl),
      });
    case 'already-verified':
      return page(lang, text.alreadyVerified.title, {
        policyUrl,
        body: html`${paragraphs(text.alreadyVerified.paragraphs)}${statusLink(ui, links)}`,
      });
    case 'too-soon':
      return page(lang, text.tooSoon.title, {
        policyUrl,
        body: paragraphs(text.tooSoon.paragraphs(waitPhrase(outcome.retryAfterSeconds, ui))),
        after: codeForm(ui, lang, links.verifyUrl),
      });
    case 'request-closed':
      return page(lang, ui.requestClosed.title, { policyUrl, body: paragraphs(ui.requestClosed.paragraphs) });
  }
}

/**
 * The page for an unknown request id and for a wrong token alike: it takes nothing about the request,
 * so it cannot tell them apart.
 */
export function renderNotFoundPage(lang: Language): string {
  const text = REQUEST_PAGE_TEXT[lang].notFound;
  return page(lang, text.title, { body: paragraphs(text.paragraphs) });
}

/** The one-sentence "what happens next" of the JSON status answer. */
export function nextStepText(status: PublicRequestStatus, lang: Language): string {
  return REQUEST_PAGE_TEXT[lang].nextStep[status];
}

/** The request type as the policy names it in the reader's language ("Rett til innsyn"). */
function requestTypeName(policy: PolicyDocument, type: RequestType, lang: Language): string {
  const right = policy.rights.find((candidate) => candidate.kind === 'request' && candidate.type === type);
  // A request filed before the policy stopped offering its type still deserves a name.
  return right === undefined ? type : right.title[lang];
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * `YYYY-MM-DD` → "25. desember 2026" / "25 December 2026", from the digits alone: no `Date`, so no
 * time zone can move the day. Anything else is shown as it came.
 */
function dateText(isoDate: string, lang: Language): string {
  return ISO_DATE.test(isoDate) ? formatDate(isoDate, lang) : isoDate;
}

function date(isoDate: string, lang: Language): Html {
  return ISO_DATE.test(isoDate)
    ? html`<time datetime="${isoDate}">${dateText(isoDate, lang)}</time>`
    : html`${isoDate}`;
}

/** Seconds under a minute as seconds, anything longer in whole minutes, rounded up. */
function waitPhrase(seconds: number, ui: RequestPageText): string {
  const whole = Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : 60;
  return whole < 60 ? ui.seconds(whole) : ui.minutes(Math.ceil(whole / 60));
}

function nextSteps(view: RequestStatusView, ui: RequestPageText): Html {
  const next = ui.status.next;
  switch (view.status) {
    case 'awaiting-verification':
      return paragraphs(next['awaiting-verification']);
    case 'verified':
      return paragraphs(next.verified(dateText(view.dueDate, view.lang)));
    case 'closed-unverified':
      return paragraphs(next['closed-unverified']);
    case 'completed':
      return paragraphs(next.completed);
    case 'rejected':
      return paragraphs(next.rejected);
  }
}

/**
 * Received, confirmed, being handled, answered: where the request is on the way, each step marked done,
 * now or later in words as well as in looks. A closed request never got past "received", and its status
 * already says so; steps it will never take would only mislead.
 */
function progress(status: PublicRequestStatus, ui: RequestPageText): Html | '' {
  if (status === 'closed-unverified') return '';
  const at = { 'awaiting-verification': 1, verified: 2, completed: 3, rejected: 3 }[status];
  // An answer (granted or declined) ends the way: its step is done, and still where the request is.
  const answered = status === 'completed' || status === 'rejected';
  const text = ui.status.progress;
  const items = PROGRESS_STEPS.map((step, index) => {
    const state = index < at || (answered && index === at) ? 'done' : index === at ? 'current' : 'ahead';
    return html`<li class="${state}"${index === at ? new Html(' aria-current="step"') : ''}><span class="vh">${text[state]} </span>${text.steps[step]}</li>\n`;
  });
  // role="list": Safari drops the list's meaning from a list styled without markers.
  return html`<ol class="progress" role="list" aria-label="${text.label}">
${items}</ol>
`;
}

export function paragraphs(texts: readonly string[]): Html {
  return html`${texts.map((text) => html`<p>${text}</p>\n`)}`;
}

function statusLink(ui: RequestPageText, links: RequestPageLinks): Html | '' {
  return links.statusUrl === undefined
    ? ''
    : html`<p><a href="${links.statusUrl}">${ui.statusLink}</a></p>\n`;
}

interface CodeFormOptions {
  /** After a wrong code: shown by the field, which is marked invalid. */
  readonly error?: string;
  /** Six digits from the emailed link. */
  readonly value?: string;
  /** Fields posted with the code, e.g. `withoutEid`. */
  readonly hidden?: Html;
  /** The button's words, when not "Confirm". */
  readonly submit?: string;
  /** The button as the lesser action of the page. */
  readonly secondary?: boolean;
}

/**
 * The six-digit code form. With an error (after a wrong code) the field is marked invalid and the
 * message is read out with it.
 */
function codeForm(
  ui: RequestPageText,
  lang: Language,
  action: string,
  { error, value, hidden, submit, secondary = false }: CodeFormOptions = {},
): Html {
  const text = ui.codeForm;
  return html`<form method="post" action="${action}" enctype="application/x-www-form-urlencoded" accept-charset="utf-8">
<div class="field">
<label for="f-code">${text.label}</label>
<p class="hint" id="f-code-hint">${text.hint}</p>
${error === undefined ? '' : html`<p class="field-error" id="f-code-error">${error}</p>\n`}<input${attributes(
    {
      type: 'text',
      id: 'f-code',
      name: 'code',
      value,
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
      pattern: '[0-9]{6}',
      minlength: 6,
      maxlength: 6,
      required: true,
      spellcheck: 'false',
      'aria-describedby': error === undefined ? 'f-code-hint' : 'f-code-error f-code-hint',
      'aria-invalid': error === undefined ? undefined : 'true',
    },
  )}>
</div>
${hidden ?? ''}${hiddenField('lang', lang)}<button type="submit"${
    secondary ? new Html(' class="secondary"') : ''
  }>${submit ?? text.submit}</button>
</form>
`;
}

/** "Send me a new code": a button, as the main action or beside the code form. */
function resendForm(
  ui: RequestPageText,
  lang: Language,
  action: string,
  emphasis: 'primary' | 'secondary',
): Html {
  const text = ui.resendForm;
  return html`<form class="resend" method="post" action="${action}" enctype="application/x-www-form-urlencoded" accept-charset="utf-8">
${emphasis === 'secondary' ? html`<p>${text.intro}</p>\n` : ''}${hiddenField('lang', lang)}<button type="submit"${
    emphasis === 'secondary' ? new Html(' class="secondary"') : ''
  }>${text.submit}</button>
</form>
`;
}

export interface PageParts {
  readonly body: Interpolation;
  /** The same page in the other language (the status page only). */
  readonly otherLanguageUrl?: string;
  /** Forms after the text. */
  readonly after?: Interpolation;
  /** The privacy notice, linked at the foot; the not-found page has none to give. */
  readonly policyUrl?: string;
}

/** The frame of every requester page: language, no referrer, noindex, the one stylesheet, one h1. */
export function page(lang: Language, title: string, parts: PageParts): string {
  const ui = REQUEST_PAGE_TEXT[lang];
  const document = html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>${new Html(REQUEST_PAGE_STYLE)}</style>
</head>
<body>
${
  parts.otherLanguageUrl === undefined
    ? ''
    : html`<header>
<p class="lang"><a href="${parts.otherLanguageUrl}" hreflang="${ui.otherLanguage.lang}" lang="${ui.otherLanguage.lang}">${ui.otherLanguage.label}</a></p>
</header>
`
}<main>
<h1>${title}</h1>
${parts.body}${parts.after}</main>
${
  parts.policyUrl === undefined
    ? ''
    : html`<footer>
<p><a href="${parts.policyUrl}">${ui.policyLink}</a></p>
</footer>
`
}</body>
</html>
`;
  return `<!doctype html>\n${document.value}`;
}
