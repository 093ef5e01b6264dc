import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { SesMailer } from '../../adapters/email/ses-mailer';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { readSubmissionBody } from '../../adapters/http/submission-body';
import { logger } from '../../adapters/observability/logger';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DynamoIssuedUploads, DynamoStaffTasks } from '../../adapters/store/dynamo-staff-tasks';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { StepFunctionsTaskResumer } from '../../adapters/workflow/task-callbacks';
import { StaffMailEnv } from '../../config/environments';
import { decideTask } from '../../domain/staff/decide-task';

const env = StaffMailEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const workflowRecords = new DynamoWorkflow(documents, env.TABLE_NAME);
const deps = {
  policy: bundledPolicy,
  tasks: new DynamoStaffTasks(documents, env.TABLE_NAME),
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  findings: workflowRecords.findings,
  fulfilments: workflowRecords.fulfilments,
  uploads: new DynamoIssuedUploads(documents, env.TABLE_NAME),
  audit: new DynamoAuditTrail(documents, env.TABLE_NAME),
  workflow: new StepFunctionsTaskResumer(new SFNClient()),
  mailer: new SesMailer(new SESv2Client(), { configurationSetName: env.SES_CONFIGURATION_SET }),
  mailFrom: env.MAIL_FROM,
  clock: () => new Date(),
};

/** `POST /staff/tasks/{taskId}` with `{ decision, comment, … }`: decided once; a second decision is a 409. */
async function postDecision(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const outcome = await decideTask(
    event.pathParameters?.taskId ?? '',
    readSubmissionBody(event),
    staff,
    deps,
  );
  logger.info('Task decided', {
    taskId: outcome.task.taskId,
    requestId: outcome.task.requestId,
    status: outcome.status,
  });
  return json(200, {
    status: outcome.status,
    taskId: outcome.task.taskId,
    requestId: outcome.task.requestId,
  });
}

export const handler = httpHandler(postDecision);
