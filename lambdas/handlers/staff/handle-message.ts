import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { readSubmissionBody } from '../../adapters/http/submission-body';
import { logger } from '../../adapters/observability/logger';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoStaffMessages } from '../../adapters/store/dynamo-staff-messages';
import { StaffApiEnv } from '../../config/environments';
import { handleMessage } from '../../domain/staff/messages';

const env = StaffApiEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  messages: new DynamoStaffMessages(documents, env.TABLE_NAME),
  audit: new DynamoAuditTrail(documents, env.TABLE_NAME),
  clock: () => new Date(),
};

/** `POST /staff/messages/{id}/handled` with `{ "note" }`: once; a second time is a 409. Audited. */
async function postHandled(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const outcome = await handleMessage(event.pathParameters?.id ?? '', readSubmissionBody(event), staff, deps);
  logger.info('Message handled', { messageId: outcome.id });
  return json(200, outcome);
}

export const handler = httpHandler(postHandled);
