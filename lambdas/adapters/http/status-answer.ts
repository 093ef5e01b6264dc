/**
 * How `GET /requests/{id}/status` shows the requester's view over HTTP: a page for browsers in the link's
 * language (else the request's), or JSON for scripts with only the dates and the next step. An unknown
 * request or a wrong token is the not-found page for a browser and the error responder's 404 for a script,
 * as on the other requester routes. Kept apart from the handler so the page and the JSON can be read, and
 * tested, without a table.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { NotFoundError } from '../../domain/errors';
import type { PolicyDocument } from '../../domain/policy/schema';
import { nextStepText, renderNotFoundPage, renderStatusPage } from '../../domain/requests/pages/render';
import type { RequestStatusView } from '../../domain/requests/views';
import { logger } from '../observability/logger';
import { htmlPage, pageLanguage, pageLinks, statusPageLanguage } from './requester-page';
import { json } from './responses';
import { prefersHtml } from './submission-body';

export interface StatusAnswerOptions {
  readonly policy: PolicyDocument;
  readonly publicBaseUrl: string;
  /** Whether the deployment offers the ID-porten sign-in (the page links to it while verification waits). */
  readonly eidOffered?: boolean;
}

/** `view` is the domain call; a `NotFoundError` from it is the unknown-request answer. */
export async function answerStatus(
  event: APIGatewayProxyEvent,
  view: () => Promise<RequestStatusView>,
  options: StatusAnswerOptions,
): Promise<APIGatewayProxyResult> {
  const html = prefersHtml(event);
  let shown: RequestStatusView;
  try {
    shown = await view();
  } catch (error) {
    if (error instanceof NotFoundError && html) return htmlPage(404, renderNotFoundPage(pageLanguage(event)));
    throw error;
  }
  // The id and the status only: the view also holds a child's name.
  logger.info('Request status viewed by the requester', { requestId: shown.id, status: shown.status });
  const lang = statusPageLanguage(event, shown.lang);
  if (html) {
    const token = event.queryStringParameters?.token;
    // Only an access or portability request has an export to download.
    const links = pageLinks(options.publicBaseUrl, event.pathParameters?.id ?? '', lang, token, {
      download: shown.type === 'access' || shown.type === 'portability',
      switchLanguage: true,
      eid: options.eidOffered === true,
    });
    return htmlPage(200, renderStatusPage(options.policy, { ...shown, lang }, links));
  }
  return json(200, {
    id: shown.id,
    type: shown.type,
    status: shown.status,
    receivedDate: shown.receivedDate,
    dueDate: shown.dueDate,
    next: nextStepText(shown.status, lang),
  });
}
