import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SesMailer } from '../../adapters/email/ses-mailer';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { StaffNoticeEnv } from '../../config/environments';
import { attentionStep } from '../../domain/workflow/steps';
import { workflowTask } from './task';

const env = StaffNoticeEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  policy: bundledPolicy,
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  progress: new DynamoWorkflow(documents, env.TABLE_NAME).progress,
  mailer: new SesMailer(new SESv2Client(), { configurationSetName: env.SES_CONFIGURATION_SET }),
  mailFrom: env.MAIL_FROM,
  consoleUrl: env.CONSOLE_URL,
  clock: () => new Date(),
};

/** A step failed after its retries: `{ requestId, stage }` → flagged, staff emailed. */
export const handler = workflowTask('FlagAttention', (input: { requestId: string; stage: string }) =>
  attentionStep(input, deps),
);
