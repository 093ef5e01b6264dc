/**
 * How `POST /requests/{id}/resend` words each outcome over HTTP: one status code for the page and the JSON,
 * Retry-After on both when it is too soon, and the refusals as errors for scripts. Kept apart from the
 * handler so they can be read, and tested, without a table or SES.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Language } from '../../domain/policy/language';
import { renderResendPage } from '../../domain/requests/pages/render';
import type { RequestPageLinks, ResendOutcome } from '../../domain/requests/views';
import { HttpError } from './error-response';
import { htmlPage } from './requester-page';
import { json } from './responses';

const statusCodes: Record<ResendOutcome['kind'], number> = {
  sent: 202,
  'already-verified': 200,
  'too-soon': 429,
  'request-closed': 410,
};

export function resendPage(
  outcome: ResendOutcome,
  lang: Language,
  links: RequestPageLinks,
): APIGatewayProxyResult {
  const retryAfter: Record<string, string> =
    outcome.kind === 'too-soon' ? { 'Retry-After': String(outcome.retryAfterSeconds) } : {};
  return htmlPage(statusCodes[outcome.kind], renderResendPage(outcome, lang, links), retryAfter);
}

/** Throws the refusals as `HttpError`s, so scripts get them in the error format with Retry-After. */
export function resendJson(outcome: ResendOutcome): APIGatewayProxyResult {
  const statusCode = statusCodes[outcome.kind];
  switch (outcome.kind) {
    case 'sent':
      return json(statusCode, { status: 'awaiting-verification' });
    case 'already-verified':
      return json(statusCode, { status: 'verified' });
    case 'too-soon':
      throw new HttpError(
        statusCode,
        'too_soon',
        'A new code was sent a moment ago. Wait a little.',
        undefined,
        outcome.retryAfterSeconds,
      );
    case 'request-closed':
      throw new HttpError(
        statusCode,
        'request_closed',
        'This request was closed because the email address was never confirmed.',
      );
  }
}
