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
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { StaffSubjectEnv } from '../../config/environments';
import { ConflictError, ForbiddenError } from '../../domain/errors';
import { osloDate } from '../../domain/oslo-date';
import { HOLDS_AUDIT_TRAIL, holdViews, newHold } from '../../domain/staff/holds';

const env = StaffSubjectEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const holds = new DynamoWorkflow(documents, env.TABLE_NAME).holds;
const audit = new DynamoAuditTrail(documents, env.TABLE_NAME);

/**
 * The legal-holds register, privacy officer only: `GET /staff/holds` lists every hold (an audited view: a
 * reason may name a dispute), `POST /staff/holds` places one, `DELETE /staff/holds/{holdId}` lifts one.
 */
async function holdRoute(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  if (staff.controllers !== 'all')
    throw new ForbiddenError('Only the privacy officer sees, places or lifts legal holds.');
  const now = new Date();
  const actor = { kind: 'staff', id: staff.username } as const;
  if (event.httpMethod === 'GET') {
    await audit.append(HOLDS_AUDIT_TRAIL, { action: 'holds-viewed', actor }, now.toISOString());
    return json(200, { holds: holdViews(await holds.list(), osloDate(now)) });
  }
  if (event.httpMethod === 'DELETE') {
    const holdId = event.pathParameters?.holdId ?? '';
    if (!(await holds.lift(holdId, now.toISOString(), staff.username))) {
      throw new ConflictError('No such hold, or it was already lifted.');
    }
    await audit.append(
      HOLDS_AUDIT_TRAIL,
      { action: 'hold-lifted', actor, details: { holdId } },
      now.toISOString(),
    );
    return json(200, { id: holdId, lifted: true });
  }
  const hold = newHold(bundledPolicy, readSubmissionBody(event), {
    username: staff.username,
    now,
    today: osloDate(now),
    newId: randomUUID,
    pseudonyms,
  });
  await holds.place(hold);
  await audit.append(
    HOLDS_AUDIT_TRAIL,
    {
      action: 'hold-placed',
      actor,
      details: { holdId: hold.id, categories: hold.categories.join(','), expiresOn: hold.expiresOn },
    },
    now.toISOString(),
  );
  const { subjectHash: _subject, ...shown } = hold;
  return json(201, shown);
}

export const handler = httpHandler(holdRoute);
