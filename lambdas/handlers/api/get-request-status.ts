import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { requesterPageSecurity } from '../../adapters/http/requester-page';
import { answerStatus } from '../../adapters/http/status-answer';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { RequestStatusEnv } from '../../config/environments';
import { requestStatus } from '../../domain/requests/request-status';

const env = RequestStatusEnv.parse(process.env);
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
  return answerStatus(event, () => requestStatus(id, token, deps), {
    policy: deps.policy,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    eidOffered: env.EID_OFFERED === 'true',
  });
}

export const handler = httpHandler(getRequestStatus, requesterPageSecurity);
