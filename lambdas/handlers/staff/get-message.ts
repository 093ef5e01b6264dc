import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { logger } from '../../adapters/observability/logger';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoStaffMessages } from '../../adapters/store/dynamo-staff-messages';
import { StaffApiEnv } from '../../config/environments';
import { viewMessage } from '../../domain/staff/messages';

const env = StaffApiEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  messages: new DynamoStaffMessages(documents, env.TABLE_NAME),
  audit: new DynamoAuditTrail(documents, env.TABLE_NAME),
  clock: () => new Date(),
};

/**
 * `GET /staff/messages/{id}`: the message with the sender's details. Opening it is an audited view
 * (trail `message-<id>`), recorded before the data is returned.
 */
async function getMessage(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const message = await viewMessage(event.pathParameters?.id ?? '', staff, deps);
  logger.info('Message viewed', { messageId: message.id });
  return json(200, message);
}

export const handler = httpHandler(getMessage);
