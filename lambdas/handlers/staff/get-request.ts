import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { assertCanSee, staffPrincipal } from '../../adapters/http/staff-principal';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoStaffQueries } from '../../adapters/store/dynamo-staff-queries';
import { StaffApiEnv } from '../../config/environments';
import { NotFoundError } from '../../domain/errors';
import { requestRow } from '../../domain/staff/request-views';

const env = StaffApiEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const queries = new DynamoStaffQueries(documents, env.TABLE_NAME);
const audit = new DynamoAuditTrail(documents, env.TABLE_NAME);

/**
 * `GET /staff/requests/{id}`: the request with the requester's details, its timeline, tasks, findings and
 * retention decisions. Opening it is itself an audited view, recorded before the data is returned.
 */
async function getRequest(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const file = await queries.requestFile(event.pathParameters?.id ?? '');
  if (file === undefined) throw new NotFoundError('No such request');
  assertCanSee(staff, file.request.controllerId);
  const viewed = await audit.append(
    file.request.id,
    { action: 'request-viewed', actor: { kind: 'staff', id: staff.username } },
    new Date().toISOString(),
  );
  const { request } = file;
  return json(200, {
    ...requestRow(
      request,
      file.tasks.filter((t) => t.status === 'open'),
      new Date(),
    ),
    lang: request.lang,
    requester: request.requester,
    ...(request.onBehalfOf === undefined ? {} : { onBehalfOf: request.onBehalfOf }),
    ...(request.details === undefined ? {} : { details: request.details }),
    ...(request.plan === undefined ? {} : { plan: request.plan }),
    tasks: file.tasks,
    openTasks: file.tasks.filter((t) => t.status === 'open'),
    findings: file.findings,
    retention: file.retention,
    timeline: [...file.events, viewed],
  });
}

export const handler = httpHandler(getRequest);
