import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { readSubmissionBody } from '../../adapters/http/submission-body';
import { logger } from '../../adapters/observability/logger';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoNationalIds } from '../../adapters/store/dynamo-national-ids';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { StaffApiEnv } from '../../config/environments';
import { revealNationalId } from '../../domain/staff/reveal-national-id';

const env = StaffApiEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  // Opening only: the item names the key that sealed it.
  vault: new DynamoNationalIds(documents, env.TABLE_NAME, new KMSClient()),
  audit: new DynamoAuditTrail(documents, env.TABLE_NAME),
  clock: () => new Date(),
};

/**
 * `POST /staff/requests/{id}/national-id` with `{ "reason", "taskId"? }`: the number from ID-porten, for a
 * request staff may see. A POST, because it leaves a trace (the audit event comes first); never cached.
 */
async function reveal(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const id = event.pathParameters?.id ?? '';
  const answer = await revealNationalId(id, () => readSubmissionBody(event), staff, deps);
  // The request id only: the number never reaches a log.
  logger.info('National identity number viewed', { requestId: id });
  return json(200, answer);
}

export const handler = httpHandler(reveal);
