import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import {
  htmlPage,
  pageLanguage,
  pageLinks,
  requesterPageSecurity,
  statusTokenOf,
} from '../../adapters/http/requester-page';
import { json } from '../../adapters/http/responses';
import { prefersHtml, readSubmissionBody } from '../../adapters/http/submission-body';
import { logger } from '../../adapters/observability/logger';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoRateLimiter } from '../../adapters/store/dynamo-rate-limiter';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { isStorableId } from '../../adapters/store/keys';
import { StepFunctionsCallback } from '../../adapters/workflow/task-callbacks';
import { VerifyRequestEnv } from '../../config/environments';
import { NotFoundError } from '../../domain/errors';
import {
  renderConfirmLinkPage,
  renderNotFoundPage,
  renderVerificationPage,
} from '../../domain/requests/pages/render';
import { verifyRequest } from '../../domain/requests/verify-request';
import type { VerificationOutcome } from '../../domain/requests/views';

const env = VerifyRequestEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  limiter: new DynamoRateLimiter(documents, env.TABLE_NAME, pseudonyms),
  callback: new StepFunctionsCallback(new SFNClient()),
  clock: () => new Date(),
};

const statusCodes: Record<VerificationOutcome['kind'], number> = {
  verified: 200,
  'wrong-code': 422,
  'code-burned': 429,
  'code-expired': 410,
  'request-closed': 410,
};

const messages: Record<Exclude<VerificationOutcome['kind'], 'verified'>, string> = {
  'wrong-code': 'That code is not right. Check the six digits in the latest email.',
  'code-burned': 'Too many wrong codes: this code no longer works. Ask for a new code.',
  'code-expired': 'This code has expired. Ask for a new code.',
  'request-closed': 'This request was closed because the email address was never confirmed.',
};

/**
 * `POST /requests/{id}/verify` with `{"code"}` (JSON or a form): browsers get a page, scripts JSON.
 * `GET …/verify?code=…`, the link in the email, only shows the page that posts it.
 */
async function verify(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const id = event.pathParameters?.id ?? '';
  if (event.httpMethod === 'GET') {
    // The emailed link: a page with the code filled in and a button. Opening it changes nothing, so a
    // mail scanner that opens links cannot confirm a request someone else filed for this address.
    const lang = pageLanguage(event, undefined);
    if (!isStorableId(id)) return htmlPage(404, renderNotFoundPage(lang));
    const links = pageLinks(env.PUBLIC_BASE_URL, id, lang, statusTokenOf(event));
    return htmlPage(200, renderConfirmLinkPage(event.queryStringParameters?.code, lang, links));
  }
  const posted = readSubmissionBody(event) as { code?: unknown; lang?: unknown };
  const html = prefersHtml(event);
  const lang = pageLanguage(event, posted.lang);
  let outcome: VerificationOutcome;
  try {
    outcome = await verifyRequest(id, posted.code, deps, {
      clientIp: event.requestContext.identity?.sourceIp,
    });
  } catch (error) {
    if (error instanceof NotFoundError && html) return htmlPage(404, renderNotFoundPage(lang));
    throw error;
  }
  logger.info('Verification attempt', { requestId: id, outcome: outcome.kind });
  const statusCode = statusCodes[outcome.kind];
  if (html) {
    const links = pageLinks(env.PUBLIC_BASE_URL, id, lang, statusTokenOf(event));
    return htmlPage(statusCode, renderVerificationPage(outcome, lang, links));
  }
  if (outcome.kind === 'verified') return json(200, { status: 'verified' });
  return json(statusCode, {
    error: {
      code: outcome.kind.replace('-', '_'),
      message: messages[outcome.kind],
      ...(outcome.kind === 'wrong-code' ? { attemptsLeft: outcome.attemptsLeft } : {}),
    },
  });
}

export const handler = httpHandler(verify, requesterPageSecurity);
