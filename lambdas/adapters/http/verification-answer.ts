/**
 * How `…/verify` words each answer over HTTP: the emailed link's page, and for a posted code the status
 * codes the page and the JSON share and the JSON error texts for scripts. Kept apart from the handler so
 * they can be read, and tested, without a table or Step Functions.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Language } from '../../domain/policy/language';
import {
  renderConfirmLinkPage,
  renderNotFoundPage,
  renderVerificationPage,
} from '../../domain/requests/pages/render';
import type { RequestPageLinks, VerificationOutcome } from '../../domain/requests/views';
import { isStorableId } from '../store/keys';
import { htmlPage, pageLanguage, pageLinks, statusTokenOf } from './requester-page';
import { json } from './responses';

const statusCodes: Record<VerificationOutcome['kind'], number> = {
  verified: 200,
  'wrong-code': 422,
  'code-burned': 429,
  'code-expired': 410,
  'request-closed': 410,
  // The code did its part: the request now waits for the ID-porten sign-in, which the page offers.
  'awaiting-eid': 200,
};

const messages: Record<Exclude<VerificationOutcome['kind'], 'verified' | 'awaiting-eid'>, string> = {
  'wrong-code': 'That code is not right. Check the six digits in the latest email.',
  'code-burned': 'Too many wrong codes: this code no longer works. Ask for a new code.',
  'code-expired': 'This code has expired. Ask for a new code.',
  'request-closed': 'This request was closed because the email address was never confirmed.',
};

/**
 * `GET …/verify?code=…`, the emailed link: a page with the code filled in and a button. Opening it changes
 * nothing, so a mail scanner that opens links cannot confirm a request someone else filed for this address.
 */
export function confirmLinkPage(event: APIGatewayProxyEvent, publicBaseUrl: string): APIGatewayProxyResult {
  const id = event.pathParameters?.id ?? '';
  const lang = pageLanguage(event, undefined);
  if (!isStorableId(id)) return htmlPage(404, renderNotFoundPage(lang));
  const links = pageLinks(publicBaseUrl, id, lang, statusTokenOf(event));
  return htmlPage(200, renderConfirmLinkPage(event.queryStringParameters?.code, lang, links));
}

export function verificationPage(
  outcome: VerificationOutcome,
  lang: Language,
  links: RequestPageLinks,
): APIGatewayProxyResult {
  return htmlPage(statusCodes[outcome.kind], renderVerificationPage(outcome, lang, links));
}

export function verificationJson(outcome: VerificationOutcome): APIGatewayProxyResult {
  if (outcome.kind === 'verified') return json(200, { status: 'verified' });
  if (outcome.kind === 'awaiting-eid')
    return json(200, { status: 'awaiting-verification', mailboxConfirmed: true });
  return json(statusCodes[outcome.kind], {
    error: {
      code: outcome.kind.replace('-', '_'),
      message: messages[outcome.kind],
      ...(outcome.kind === 'wrong-code' ? { attemptsLeft: outcome.attemptsLeft } : {}),
    },
  });
}
