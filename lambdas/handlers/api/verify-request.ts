import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { answerRequester } from '../../adapters/http/requester-answer';
import { pageLinks, requesterPageSecurity, statusTokenOf } from '../../adapters/http/requester-page';
import { readSubmissionBody } from '../../adapters/http/submission-body';
import { confirmLinkPage, verificationJson, verificationPage } from '../../adapters/http/verification-answer';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoRateLimiter } from '../../adapters/store/dynamo-rate-limiter';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { StepFunctionsCallback } from '../../adapters/workflow/task-callbacks';
import { VerifyRequestEnv } from '../../config/environments';
import { verifyRequest } from '../../domain/requests/verify-request';

const env = VerifyRequestEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  limiter: new DynamoRateLimiter(documents, env.TABLE_NAME, pseudonyms),
  callback: new StepFunctionsCallback(new SFNClient()),
  clock: () => new Date(),
};

/**
 * `POST /requests/{id}/verify` with `{"code"}` (JSON or a form): browsers get a page, scripts JSON.
 * `GET …/verify?code=…`, the link in the email, only shows the page that posts it.
 */
async function verify(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  if (event.httpMethod === 'GET') return confirmLinkPage(event, env.PUBLIC_BASE_URL);
  const id = event.pathParameters?.id ?? '';
  const posted = readSubmissionBody(event) as { code?: unknown; lang?: unknown; withoutEid?: unknown };
  const context = {
    clientIp: event.requestContext.identity?.sourceIp,
    // The awaiting-ID-porten page's "continue without" form.
    withoutEid: posted.withoutEid === '1' || posted.withoutEid === true,
  };
  return answerRequester(event, posted.lang, {
    run: () => verifyRequest(id, posted.code, deps, context),
    logMessage: 'Verification attempt',
    page: (outcome, lang) =>
      verificationPage(
        outcome,
        lang,
        pageLinks(env.PUBLIC_BASE_URL, id, lang, statusTokenOf(event), { eid: env.EID_OFFERED === 'true' }),
      ),
    json: verificationJson,
  });
}

export const handler = httpHandler(verify, requesterPageSecurity);
