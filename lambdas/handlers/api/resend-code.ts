import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { SesMailer } from '../../adapters/email/ses-mailer';
import { HttpError } from '../../adapters/http/error-response';
import { httpHandler } from '../../adapters/http/http-handler';
import {
  htmlPage,
  pageLanguage,
  pageLinks,
  requesterPageSecurity,
  statusTokenOf,
} from '../../adapters/http/requester-page';
import { json } from '../../adapters/http/responses';
import { prefersHtml } from '../../adapters/http/submission-body';
import { logger } from '../../adapters/observability/logger';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { RequesterMailEnv } from '../../config/environments';
import { NotFoundError } from '../../domain/errors';
import { renderNotFoundPage, renderResendPage } from '../../domain/requests/pages/render';
import { resendCode } from '../../domain/requests/resend-code';
import { cryptoSecrets } from '../../domain/requests/secrets';
import type { ResendOutcome } from '../../domain/requests/views';

const env = RequesterMailEnv.parse(process.env);
const deps = {
  requests: new DynamoRequests(DynamoDBDocumentClient.from(new DynamoDBClient()), env.TABLE_NAME),
  mailer: new SesMailer(new SESv2Client(), { configurationSetName: env.SES_CONFIGURATION_SET }),
  mailFrom: env.MAIL_FROM,
  publicBaseUrl: env.PUBLIC_BASE_URL,
  secrets: cryptoSecrets,
  clock: () => new Date(),
};

/** `POST /requests/{id}/resend`: a new code by email, at most once a minute and a few times in all. */
async function resend(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const id = event.pathParameters?.id ?? '';
  const html = prefersHtml(event);
  const lang = pageLanguage(event, formLanguage(event));
  let outcome: ResendOutcome;
  try {
    outcome = await resendCode(id, deps);
  } catch (error) {
    if (error instanceof NotFoundError && html) return htmlPage(404, renderNotFoundPage(lang));
    throw error;
  }
  logger.info('New code asked for', { requestId: id, outcome: outcome.kind });
  const retryAfter: Record<string, string> =
    outcome.kind === 'too-soon' ? { 'Retry-After': String(outcome.retryAfterSeconds) } : {};
  const statusCode = { sent: 202, 'already-verified': 200, 'too-soon': 429, 'request-closed': 410 }[
    outcome.kind
  ];
  if (html) {
    const links = pageLinks(env.PUBLIC_BASE_URL, id, lang, statusTokenOf(event));
    return htmlPage(statusCode, renderResendPage(outcome, lang, links), retryAfter);
  }
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

/** The resend form posts only a hidden `lang`; anything else in the body is ignored. */
function formLanguage(event: APIGatewayProxyEvent): string | undefined {
  if (event.body === null || !(event.headers['content-type'] ?? '').includes('form-urlencoded'))
    return undefined;
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  return new URLSearchParams(body.slice(0, 1024)).get('lang') ?? undefined;
}

export const handler = httpHandler(resend, requesterPageSecurity);
