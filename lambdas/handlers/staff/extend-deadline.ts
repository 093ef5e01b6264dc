import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { SesMailer } from '../../adapters/email/ses-mailer';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { readSubmissionBody } from '../../adapters/http/submission-body';
import { logger } from '../../adapters/observability/logger';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoDeadlines } from '../../adapters/store/dynamo-deadlines';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { StaffMailEnv } from '../../config/environments';
import { extendDeadline } from '../../domain/staff/extend-deadline';

const env = StaffMailEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  policy: bundledPolicy,
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  extensions: new DynamoDeadlines(documents, env.TABLE_NAME),
  audit: new DynamoAuditTrail(documents, env.TABLE_NAME),
  mailer: new SesMailer(new SESv2Client(), { configurationSetName: env.SES_CONFIGURATION_SET }),
  mailFrom: env.MAIL_FROM,
  clock: () => new Date(),
};

/**
 * `POST /staff/requests/{id}/extension` with `{ "reason" }`: extends the deadline once, before the
 * original due date has passed, and emails the requester the reason and the new date. 409 after that.
 */
async function postExtension(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const outcome = await extendDeadline(
    event.pathParameters?.id ?? '',
    readSubmissionBody(event),
    staff,
    deps,
  );
  logger.info('Deadline extended', {
    requestId: outcome.requestId,
    originalDueDate: outcome.originalDueDate,
    dueDate: outcome.dueDate,
  });
  return json(200, outcome);
}

export const handler = httpHandler(postExtension);
