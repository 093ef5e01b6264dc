import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { logger } from '../../adapters/http/logger';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { CloseUnverifiedEnv } from '../../config/environments';
import { closeUnverified } from '../../domain/requests/close-unverified';

const env = CloseUnverifiedEnv.parse(process.env);
const deps = {
  requests: new DynamoRequests(DynamoDBDocumentClient.from(new DynamoDBClient()), env.TABLE_NAME),
  clock: () => new Date(),
};

/** The verification window ended without a code: close the request. `{ requestId }` in, the outcome out. */
async function closeUnverifiedTask(input: { requestId: string }) {
  const result = await closeUnverified(input.requestId, deps);
  logger.info('Unverified request closed', { requestId: input.requestId, result });
  return { result };
}

export const handler = middy(closeUnverifiedTask).use(injectLambdaContext(logger, { resetKeys: true }));
