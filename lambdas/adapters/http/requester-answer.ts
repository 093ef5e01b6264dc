/**
 * The frame the requester's code routes (verify, resend, download) share around their domain call. It
 * lives here once so the three cannot drift apart: an unknown request must look the same on every route
 * (the not-found page for a browser, the error responder's 404 for a script), and the log line must carry
 * only the request id and how it ended, never what was posted.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { NotFoundError } from '../../domain/errors';
import type { Language } from '../../domain/policy/language';
import { renderNotFoundPage } from '../../domain/requests/pages/render';
import { logger } from '../observability/logger';
import { htmlPage, pageLanguage } from './requester-page';
import { prefersHtml } from './submission-body';

export interface RequesterAnswer<Outcome extends { readonly kind: string }> {
  /** The domain call; a `NotFoundError` from it is the unknown-request answer. */
  readonly run: () => Promise<Outcome>;
  /** What the log line says happened; the outcome's kind is added. */
  readonly logMessage: string;
  readonly page: (outcome: Outcome, lang: Language) => APIGatewayProxyResult;
  /** May throw an `HttpError` for the error responder to word. */
  readonly json: (outcome: Outcome) => APIGatewayProxyResult;
}

/** `postedLang` is the form's hidden `lang`, which wins over the browser's preference. */
export async function answerRequester<Outcome extends { readonly kind: string }>(
  event: APIGatewayProxyEvent,
  postedLang: unknown,
  answer: RequesterAnswer<Outcome>,
): Promise<APIGatewayProxyResult> {
  const html = prefersHtml(event);
  const lang = pageLanguage(event, postedLang);
  let outcome: Outcome;
  try {
    outcome = await answer.run();
  } catch (error) {
    if (error instanceof NotFoundError && html) return htmlPage(404, renderNotFoundPage(lang));
    throw error;
  }
  logger.info(answer.logMessage, { requestId: event.pathParameters?.id ?? '', outcome: outcome.kind });
  return html ? answer.page(outcome, lang) : answer.json(outcome);
}
