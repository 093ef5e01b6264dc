import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoStaffQueries } from '../../adapters/store/dynamo-staff-queries';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { StaffSubjectEnv } from '../../config/environments';
import { NotFoundError } from '../../domain/errors';
import { osloDate } from '../../domain/oslo-date';
import { NO_SUCH_REQUEST, visibleTo } from '../../domain/staff/access';
import { holdViews } from '../../domain/staff/holds';
import { requestDetail } from '../../domain/staff/request-views';
import { subjectHash } from '../../domain/subject';

const env = StaffSubjectEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const queries = new DynamoStaffQueries(documents, env.TABLE_NAME);
const audit = new DynamoAuditTrail(documents, env.TABLE_NAME);
const { holds } = new DynamoWorkflow(documents, env.TABLE_NAME);

/**
 * `GET /staff/requests/{id}`: the request with the requester's details, its timeline (raw and in words),
 * tasks (an identity check with what to check), findings, retention decisions and (for the privacy
 * officer) the legal holds about the requester. Opening it is itself an audited view,
 * recorded before the data is returned.
 */
async function getRequest(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const file = await queries.requestFile(event.pathParameters?.id ?? '');
  if (file === undefined) throw new NotFoundError(NO_SUCH_REQUEST);
  // Another company's request answers like one that does not exist.
  visibleTo(staff, file.request, 'request');
  const viewed = await audit.append(
    file.request.id,
    { action: 'request-viewed', actor: { kind: 'staff', id: staff.username } },
    new Date().toISOString(),
  );
  const { request } = file;
  const now = new Date();
  // Holds are the privacy officer's register and may concern another company's dispute: only they see them.
  const aboutRequester =
    staff.controllers === 'all'
      ? await holds.listForSubject(subjectHash(pseudonyms, request.requester.email))
      : [];
  return json(
    200,
    requestDetail(
      {
        request,
        tasks: file.tasks,
        findings: file.findings,
        retention: file.retention,
        events: [...file.events, viewed],
        holds: holdViews(aboutRequester, osloDate(now)),
      },
      bundledPolicy,
      now,
    ),
  );
}

export const handler = httpHandler(getRequest);
