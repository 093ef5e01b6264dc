/**
 * The pages for an ID-porten sign-in we refused (docs/id-porten.md, "Refusals"): one per reason, in the
 * frame of the other requester pages, each with its HTTP status. Nothing was recorded on the request, so
 * every page says what to do next: try the sign-in again where that can help, and go back to the request.
 * The status page is linked only when the callback came from the browser that started the flow (the
 * handler then has the status token); otherwise the page points to the link in our email.
 */
import type { EidRefusal } from '../../eid/complete-eid';
import { html } from '../../policy/html';
import type { Language } from '../../policy/language';
import { EID_REFUSAL_TEXT } from './eid-i18n';
import { REQUEST_PAGE_TEXT } from './i18n';
import { page, paragraphs } from './render';

export interface EidRefusalLinks {
  /** The privacy notice, linked at the foot. */
  readonly policyUrl: string;
  /** The request's status page, with its token; only when the flow's cookie matched. */
  readonly statusUrl?: string;
  /** Where a new sign-in starts, for the reasons a new try can mend. */
  readonly eidUrl?: string;
}

/** The HTTP status of each refusal page. A cancel is the person's own choice, not an error. */
export const eidRefusalStatus: Record<EidRefusal, number> = {
  'expired-or-used': 400,
  'other-browser': 400,
  cancelled: 200,
  'not-accepted': 400,
  'level-too-low': 403,
  'different-person': 409,
  'request-closed': 410,
  'try-later': 503,
};

/**
 * The refusals a new sign-in may mend. Not another browser's (the link in the email is the way back),
 * another person's, or a closed request's.
 */
const TRY_AGAIN: ReadonlySet<EidRefusal> = new Set<EidRefusal>([
  'expired-or-used',
  'cancelled',
  'not-accepted',
  'level-too-low',
  'try-later',
]);

export function renderEidRefusalPage(reason: EidRefusal, lang: Language, links: EidRefusalLinks): string {
  const ui = REQUEST_PAGE_TEXT[lang];
  const text = EID_REFUSAL_TEXT[lang];
  const message = reason === 'request-closed' ? ui.requestClosed : text.refusals[reason];
  const tryAgain =
    links.eidUrl !== undefined && TRY_AGAIN.has(reason)
      ? html`<p><a class="button" href="${links.eidUrl}">${text.tryAgain}</a></p>\n`
      : '';
  const back =
    links.statusUrl === undefined
      ? paragraphs([text.backViaEmail])
      : html`<p><a href="${links.statusUrl}">${ui.statusLink}</a></p>\n`;
  return page(lang, message.title, {
    policyUrl: links.policyUrl,
    body: html`${paragraphs(message.paragraphs)}${tryAgain}${back}`,
  });
}
