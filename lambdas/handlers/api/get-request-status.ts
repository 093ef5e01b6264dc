import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import {
  htmlPage,
  pageLanguage,
  pageLinks,
  requesterPageSecurity,
  statusPageLanguage,
} from '../../adapters/http/requester-page';
import { json } from '../../adapters/http/responses';
import { prefersHtml } from '../../adapters/http/submission-body';
import { logger } from '../../adapters/observability/logger';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { RequesterRouteEnv } from '../../config/environments';
import { NotFoundError } from '../../domain/errors';
import { nextStepText, renderNotFoundPage, renderStatusPage } from '../../domain/requests/pages/render';
import { requestStatus } from '../../domain/requests/request-status';

const env = RequesterRouteEnv.parse(process.env);
const deps = {
  policy: bundledPolicy,
  requests: new DynamoRequests(DynamoDBDocumentClient.from(new DynamoDBClient()), env.TABLE_NAME),
  clock: () => new Date(),
};

/**
 * `GET /requests/{id}/status?token=…[&lang=]`: the requester's view, as a page for browsers (in `lang`,
 * else the request's language) or as JSON.
 */
async function getRequestStatus(event: APIGatewayProxyEvent) {
  const id = event.pathParameters?.id ?? '';
  const token = event.queryStringParameters?.token;
  const html = prefersHtml(event);
  try {
    const view = await requestStatus(id, token, deps);
    logger.info('Request status viewed by the requester', { requestId: view.id, status: view.status });
    const lang = statusPageLanguage(event, view.lang);
    if (html) {
      const links = pageLinks(env.PUBLIC_BASE_URL, id, lang, token, {
        download: view.type === 'access' || view.type === 'portability',
        switchLanguage: true,
      });
      return htmlPage(200, renderStatusPage(deps.policy, { ...view, lang }, links));
    }
    return json(200, {
      id: view.id,
      type: view.type,
      status: view.status,
      receivedDate: view.receivedDate,
      dueDate: view.dueDate,
      next: nextStepText(view.status, lang),
    });
  } catch (error) {
    if (error instanceof NotFoundError && html) return htmlPage(404, renderNotFoundPage(pageLanguage(event)));
    throw error;
  }
}

export const handler = httpHandler(getRequestStatus, requesterPageSecurity);
