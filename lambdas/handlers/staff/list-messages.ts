import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoStaffMessages } from '../../adapters/store/dynamo-staff-messages';
import { StaffApiEnv } from '../../config/environments';
import { listMessages } from '../../domain/staff/messages';

const env = StaffApiEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const messages = new DynamoStaffMessages(documents, env.TABLE_NAME);

/**
 * `GET /staff/messages`: the caller's companies' contact messages, newest first. Ids, company, dates and
 * status only: no sender and no message text (opening one is an audited view).
 */
async function getMessages(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const rows = await listMessages(
    staff,
    bundledPolicy.controllers.map((c) => c.id),
    { messages },
  );
  return json(200, { messages: rows });
}

export const handler = httpHandler(getMessages);
