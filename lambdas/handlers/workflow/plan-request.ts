import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { WorkflowStepEnv } from '../../config/environments';
import { planStep } from '../../domain/workflow/steps';
import { workflowTask } from './task';

const env = WorkflowStepEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  policy: bundledPolicy,
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  progress: new DynamoWorkflow(documents, env.TABLE_NAME).progress,
  clock: () => new Date(),
};

/** `{ requestId }` → `{ identityCheck, systems: [{ systemId, handling }] }`. */
export const handler = workflowTask('PlanRequest', ({ requestId }: { requestId: string }) =>
  planStep(requestId, deps),
);
