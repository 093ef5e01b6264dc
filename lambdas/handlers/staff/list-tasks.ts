import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoStaffTasks } from '../../adapters/store/dynamo-staff-tasks';
import { StaffApiEnv } from '../../config/environments';
import { visibleAmong } from '../../domain/staff/access';

const env = StaffApiEnv.parse(process.env);
const tasks = new DynamoStaffTasks(DynamoDBDocumentClient.from(new DynamoDBClient()), env.TABLE_NAME);

/** `GET /staff/tasks`: the open tasks of the caller's companies, oldest first. */
async function listTasks(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const visible = visibleAmong(
    staff.controllers,
    bundledPolicy.controllers.map((c) => c.id),
  );
  return json(200, { tasks: await tasks.listOpen(visible) });
}

export const handler = httpHandler(listTasks);
