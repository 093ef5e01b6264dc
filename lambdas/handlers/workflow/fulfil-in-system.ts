import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { configuredConnectors } from '../../adapters/connectors/configured-connectors';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { CollectEnv } from '../../config/environments';
import { fulfilStep } from '../../domain/workflow/answer';
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
  connectors: configuredConnectors({
    documents,
    tableName: env.TABLE_NAME,
    pseudonyms,
    mailchimpSecretId: env.MAILCHIMP_SECRET_ID,
    ...(env.MAILCHIMP_API_BASE_URL === undefined ? {} : { mailchimpBaseUrl: env.MAILCHIMP_API_BASE_URL }),
  }),
  clock: () => new Date(),
};

/** One Map iteration of the answer: `{ requestId, systemId }` → `{ needsStaff }`. */
export const handler = workflowTask('FulfilInSystem', (input: { requestId: string; systemId: string }) =>
  fulfilStep(input, deps),
);
