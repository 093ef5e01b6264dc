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
import { DynamoStaffTasks } from '../../adapters/store/dynamo-staff-tasks';
import { StaffSubjectEnv } from '../../config/environments';
import { visibleAmong } from '../../domain/staff/access';
import { parseRequestSearch } from '../../domain/staff/request-search';
import { matchesFilters, requestRow } from '../../domain/staff/request-views';

const env = StaffSubjectEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const queries = new DynamoStaffQueries(documents, env.TABLE_NAME);
const tasks = new DynamoStaffTasks(documents, env.TABLE_NAME);
const audit = new DynamoAuditTrail(documents, env.TABLE_NAME);

/**
 * `GET /staff/requests?controller&type&status&q`: the caller's companies' requests, newest first. `q` is the
 * start of a request id, or a requester's exact email address; a search by address is a lookup of a person,
 * so each request it finds records who searched in its audit trail. A row about a child names the child,
 * so each such row shown records who saw it.
 */
async function listRequests(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const visible = visibleAmong(
    staff.controllers,
    bundledPolicy.controllers.map((c) => c.id),
  );
  const filters = event.queryStringParameters ?? {};
  const search = parseRequestSearch(filters.q, pseudonyms);
  const [requests, open] = await Promise.all([
    search?.by === 'email'
      ? queries.requestsAbout(search.subjectHash, visible)
      : queries.listRequests(visible),
    tasks.listOpen(visible),
  ]);
  const now = new Date();
  if (search?.by === 'email') {
    const actor = { kind: 'staff', id: staff.username } as const;
    for (const request of requests) {
      await audit.append(request.id, { action: 'found-by-email-search', actor }, now.toISOString());
    }
  }
  const rows = requests
    .map((request) => requestRow(request, open, now))
    .filter((row) =>
      matchesFilters(row, {
        ...(filters.controller ? { controller: filters.controller } : {}),
        ...(filters.type ? { type: filters.type } : {}),
        ...(filters.status ? { status: filters.status } : {}),
        ...(search?.by === 'id' ? { q: search.prefix } : {}),
      }),
    );
  // A row about a child shows the child's name: that is a view of personal data, so it is audited.
  const named = rows.filter((row) => row.childName !== undefined);
  const actor = { kind: 'staff', id: staff.username } as const;
  await Promise.all(
    named.map((row) => audit.append(row.id, { action: 'named-in-inbox', actor }, now.toISOString())),
  );
  return json(200, { requests: rows });
}

export const handler = httpHandler(listRequests);
