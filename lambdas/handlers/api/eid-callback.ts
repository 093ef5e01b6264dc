import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { eidClientKey } from '../../adapters/eid/client-key';
import { idportenClient } from '../../adapters/eid/idporten-client';
import { eidAnswer, eidCallbackOf } from '../../adapters/http/eid-answer';
import { httpHandler } from '../../adapters/http/http-handler';
import { pageLanguage, requesterPageSecurity } from '../../adapters/http/requester-page';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoEidFlows } from '../../adapters/store/dynamo-eid-flows';
import { DynamoNationalIds } from '../../adapters/store/dynamo-national-ids';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { StepFunctionsCallback } from '../../adapters/workflow/task-callbacks';
import { EidCallbackEnv } from '../../config/environments';
import { completeEid } from '../../domain/eid/complete-eid';

const env = EidCallbackEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const redirectUri = `${env.PUBLIC_BASE_URL}/eid/callback`;
const deps = {
  flows: new DynamoEidFlows(documents, env.TABLE_NAME),
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  audit: new DynamoAuditTrail(documents, env.TABLE_NAME),
  callback: new StepFunctionsCallback(new SFNClient()),
  pseudonyms,
  nationalIds: new DynamoNationalIds(documents, env.TABLE_NAME, new KMSClient(), env.NATIONAL_ID_KEY_ARN),
  provider: idportenClient({
    issuer: env.IDPORTEN_ISSUER,
    clientId: env.IDPORTEN_CLIENT_ID,
    redirectUri,
    clientKey: eidClientKey(env.IDPORTEN_CLIENT_KEY_SECRET_ARN),
  }),
  clock: () => new Date(),
};

/** `GET /eid/callback?code&state&iss` (or `?error&state`): ID-porten sends the browser back. */
async function callback(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const outcome = await completeEid(eidCallbackOf(event, redirectUri), deps, pageLanguage(event));
  return eidAnswer(outcome, env.PUBLIC_BASE_URL);
}

export const handler = httpHandler(callback, requesterPageSecurity);
