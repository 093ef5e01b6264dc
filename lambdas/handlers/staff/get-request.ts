import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { requestFileView } from '../../adapters/staff/request-file-view';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoStaffQueries } from '../../adapters/store/dynamo-staff-queries';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { StaffSubjectEnv } from '../../config/environments';

const env = StaffSubjectEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const viewRequestFile = requestFileView({
  policy: bundledPolicy,
  queries: new DynamoStaffQueries(documents, env.TABLE_NAME),
  audit: new DynamoAuditTrail(documents, env.TABLE_NAME),
  holds: new DynamoWorkflow(documents, env.TABLE_NAME).holds,
  pseudonyms,
});

/**
 * `GET /staff/requests/{id}`: the request with the requester's details, its timeline (raw and in words),
 * tasks (an identity check with what to check), findings, retention decisions and (for the privacy
 * officer) the legal holds about the requester. Opening it is itself an audited view,
 * recorded before the data is returned.
 */
async function getRequest(event: APIGatewayProxyEvent) {
  return json(200, await viewRequestFile(staffPrincipal(event), event.pathParameters?.id ?? ''));
}

export const handler = httpHandler(getRequest);
