import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SesMailer } from '../../adapters/email/ses-mailer';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DynamoStaffTasks } from '../../adapters/store/dynamo-staff-tasks';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { RequesterMailEnv } from '../../config/environments';
import { rejectStep } from '../../domain/workflow/answer';
import { workflowTask } from './task';

const env = RequesterMailEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  policy: bundledPolicy,
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  tasks: new DynamoStaffTasks(documents, env.TABLE_NAME),
  progress: new DynamoWorkflow(documents, env.TABLE_NAME).progress,
  mailer: new SesMailer(new SESv2Client(), { configurationSetName: env.SES_CONFIGURATION_SET }),
  mailFrom: env.MAIL_FROM,
  clock: () => new Date(),
};

/** Staff said no: `{ requestId }` → the refusal with its reason is emailed, the request ends. */
export const handler = workflowTask('RejectRequest', ({ requestId }: { requestId: string }) =>
  rejectStep(requestId, deps),
);
