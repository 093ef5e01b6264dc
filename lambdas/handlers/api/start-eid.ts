import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { idportenClient } from '../../adapters/eid/idporten-client';
import { eidStartAnswer } from '../../adapters/http/eid-answer';
import { httpHandler } from '../../adapters/http/http-handler';
import { answerRequester } from '../../adapters/http/requester-answer';
import { pageLanguage, requesterPageSecurity, statusTokenOf } from '../../adapters/http/requester-page';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoEidFlows } from '../../adapters/store/dynamo-eid-flows';
import { DynamoRateLimiter } from '../../adapters/store/dynamo-rate-limiter';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { StartEidEnv } from '../../config/environments';
import { type StartEidOutcome, startEid } from '../../domain/eid/start-eid';
import { requestLinks } from '../../domain/requests/links';

const env = StartEidEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  policy: bundledPolicy,
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  flows: new DynamoEidFlows(documents, env.TABLE_NAME),
  limiter: new DynamoRateLimiter(documents, env.TABLE_NAME, pseudonyms),
  // Building the authorization URL needs only ID-porten's metadata: this function never reads the key.
  provider: idportenClient({
    issuer: env.IDPORTEN_ISSUER,
    clientId: env.IDPORTEN_CLIENT_ID,
    redirectUri: `${env.PUBLIC_BASE_URL}/eid/callback`,
  }),
  clock: () => new Date(),
};

/**
 * `GET /requests/{id}/eid?token=…&lang=…`: on to ID-porten with the cookie that binds the sign-in to this
 * browser. Past verification, or closed, the status page says where the request stands.
 */
async function start(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const id = event.pathParameters?.id ?? '';
  const token = statusTokenOf(event);
  const lang = pageLanguage(event);
  const clientIp = event.requestContext.identity?.sourceIp;
  const answer = (outcome: StartEidOutcome) =>
    eidStartAnswer(outcome, requestLinks(env.PUBLIC_BASE_URL, id, lang).statusUrl(token ?? ''));
  return answerRequester(event, lang, {
    run: () => startEid(id, token, lang, deps, { clientIp }),
    logMessage: 'ID-porten sign-in started',
    page: answer,
    json: answer,
  });
}

export const handler = httpHandler(start, requesterPageSecurity);
