import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { readSubmissionBody } from '../../adapters/http/submission-body';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { holdsRegister } from '../../adapters/staff/holds-register';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { StaffSubjectEnv } from '../../config/environments';

const env = StaffSubjectEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const register = holdsRegister({
  policy: bundledPolicy,
  holds: new DynamoWorkflow(documents, env.TABLE_NAME).holds,
  audit: new DynamoAuditTrail(documents, env.TABLE_NAME),
  pseudonyms,
  newId: randomUUID,
});

/**
 * The legal-holds register, privacy officer only: `GET /staff/holds` lists every hold (an audited view: a
 * reason may name a dispute), `POST /staff/holds` places one, `DELETE /staff/holds/{holdId}` lifts one.
 */
async function holdRoute(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  if (event.httpMethod === 'GET') return json(200, { holds: await register.view(staff) });
  if (event.httpMethod === 'DELETE') {
    const holdId = event.pathParameters?.holdId ?? '';
    await register.lift(staff, holdId);
    return json(200, { id: holdId, lifted: true });
  }
  return json(201, await register.place(staff, () => readSubmissionBody(event)));
}

export const handler = httpHandler(holdRoute);
