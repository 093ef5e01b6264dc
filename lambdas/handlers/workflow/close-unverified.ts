import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { SesMailer } from '../../adapters/email/ses-mailer';
import { logger } from '../../adapters/observability/logger';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoNationalIdEraser } from '../../adapters/store/dynamo-national-ids';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { CloseUnverifiedEnv } from '../../config/environments';
import { closeUnverified } from '../../domain/requests/close-unverified';

const env = CloseUnverifiedEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  policy: bundledPolicy,
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  nationalIds: new DynamoNationalIdEraser(documents, env.TABLE_NAME),
  mailer: new SesMailer(new SESv2Client(), { configurationSetName: env.SES_CONFIGURATION_SET }),
  mailFrom: env.MAIL_FROM,
  publicBaseUrl: env.PUBLIC_BASE_URL,
  pseudonyms,
  clock: () => new Date(),
};

/** The verification window ended without a code: close the request and tell the requester. Ids in and out. */
async function closeUnverifiedTask(input: { requestId: string }) {
  const result = await closeUnverified(input.requestId, deps);
  logger.info('Unverified request closed', { requestId: input.requestId, result });
  return { result };
}

export const handler = middy(closeUnverifiedTask).use(injectLambdaContext(logger, { resetKeys: true }));
