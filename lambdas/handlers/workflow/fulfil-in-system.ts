import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { configuredConnectors } from '../../adapters/connectors/configured-connectors';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DynamoStaffTasks } from '../../adapters/store/dynamo-staff-tasks';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { StepFunctionsCallback } from '../../adapters/workflow/task-callbacks';
import { CollectEnv } from '../../config/environments';
import { fulfilStep } from '../../domain/workflow/answer';
import { finishSystemStep } from '../../domain/workflow/steps';
import { workflowTask } from './task';

const env = CollectEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const workflow = new DynamoWorkflow(documents, env.TABLE_NAME);
const deps = {
  policy: bundledPolicy,
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  findings: workflow.findings,
  retention: workflow.retention,
  fulfilments: workflow.fulfilments,
  tasks: new DynamoStaffTasks(documents, env.TABLE_NAME),
  progress: workflow.progress,
  callback: new StepFunctionsCallback(new SFNClient()),
  connectors: configuredConnectors({
    documents,
    tableName: env.TABLE_NAME,
    pseudonyms,
    mailchimpSecretId: env.MAILCHIMP_SECRET_ID,
    ...(env.MAILCHIMP_API_BASE_URL === undefined ? {} : { mailchimpBaseUrl: env.MAILCHIMP_API_BASE_URL }),
  }),
  clock: () => new Date(),
};

/**
 * One Map iteration of the answer, a `.waitForTaskToken` task: `{ requestId, systemId, taskToken }`. Carries
 * out the answer, then resumes the workflow at once, or opens the manual-action task that keeps the token
 * until staff decide.
 */
export const handler = workflowTask(
  'FulfilInSystem',
  async (input: { requestId: string; systemId: string; taskToken?: string }) => {
    const { needsStaff } = await fulfilStep(input, deps);
    // An execution started on the definition before this step was a callback (running executions keep
    // theirs) calls without a token and branches on the answer itself.
    if (input.taskToken === undefined) return { needsStaff };
    return finishSystemStep({ ...input, taskToken: input.taskToken }, 'manual-action', needsStaff, deps);
  },
);
