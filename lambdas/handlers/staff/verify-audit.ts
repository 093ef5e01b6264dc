import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { StaffApiEnv } from '../../config/environments';
import { verifyChain } from '../../domain/audit/chain';
import { visibleTo } from '../../domain/staff/access';

const env = StaffApiEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const requests = new DynamoRequests(documents, env.TABLE_NAME);
const audit = new DynamoAuditTrail(documents, env.TABLE_NAME);

/** `GET /staff/requests/{id}/audit`: checks the request's hash chain and reports the first broken link. */
async function verifyAudit(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const stored = await requests.get(event.pathParameters?.id ?? '');
  // Another company's request answers like one that does not exist.
  const request = visibleTo(staff, stored?.kind === 'request' ? stored : undefined, 'request');
  const events = await audit.list(request.id);
  return json(200, { requestId: request.id, ...verifyChain(request.id, events) });
}

export const handler = httpHandler(verifyAudit);
