import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoStaffQueries } from '../../adapters/store/dynamo-staff-queries';
import { DynamoStaffTasks } from '../../adapters/store/dynamo-staff-tasks';
import { StaffApiEnv } from '../../config/environments';
import { visibleAmong } from '../../domain/staff/access';
import { matchesFilters, requestRow } from '../../domain/staff/request-views';

const env = StaffApiEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const queries = new DynamoStaffQueries(documents, env.TABLE_NAME);
const tasks = new DynamoStaffTasks(documents, env.TABLE_NAME);

/** `GET /staff/requests?controller&type&status&q`: the caller's companies' requests, newest first. */
async function listRequests(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const visible = visibleAmong(
    staff.controllers,
    bundledPolicy.controllers.map((c) => c.id),
  );
  const [requests, open] = await Promise.all([queries.listRequests(visible), tasks.listOpen(visible)]);
  const now = new Date();
  const filters = event.queryStringParameters ?? {};
  const rows = requests
    .map((request) => requestRow(request, open, now))
    .filter((row) =>
      matchesFilters(row, {
        ...(filters.controller ? { controller: filters.controller } : {}),
        ...(filters.type ? { type: filters.type } : {}),
        ...(filters.status ? { status: filters.status } : {}),
        ...(filters.q ? { q: filters.q } : {}),
      }),
    );
  return json(200, { requests: rows });
}

export const handler = httpHandler(listRequests);
