import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { requestInbox } from '../../adapters/staff/request-inbox';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoStaffQueries } from '../../adapters/store/dynamo-staff-queries';
import { DynamoStaffTasks } from '../../adapters/store/dynamo-staff-tasks';
import { StaffSubjectEnv } from '../../config/environments';

const env = StaffSubjectEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const inbox = requestInbox({
  policy: bundledPolicy,
  queries: new DynamoStaffQueries(documents, env.TABLE_NAME),
  tasks: new DynamoStaffTasks(documents, env.TABLE_NAME),
  audit: new DynamoAuditTrail(documents, env.TABLE_NAME),
  pseudonyms,
});

/**
 * `GET /staff/requests?controller&type&status&q`: the caller's companies' requests, newest first. `q` is the
 * start of a request id, or a requester's exact email address; a search by address is a lookup of a person,
 * so each request it finds records who searched in its audit trail. A row about a child names the child,
 * so each such row shown records who saw it.
 */
async function listRequests(event: APIGatewayProxyEvent) {
  const rows = await inbox(staffPrincipal(event), event.queryStringParameters ?? {});
  return json(200, { requests: rows });
}

export const handler = httpHandler(listRequests);
