import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { LegalHoldEnv } from '../../config/environments';
import { legalHoldStep } from '../../domain/workflow/steps';
import { workflowTask } from './task';

const env = LegalHoldEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const workflow = new DynamoWorkflow(documents, env.TABLE_NAME);
const deps = {
  policy: bundledPolicy,
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  findings: workflow.findings,
  holds: workflow.holds,
  retention: workflow.retention,
  progress: workflow.progress,
  pseudonyms,
  clock: () => new Date(),
};

/** `{ requestId }` → counts of retained and erasable (system, category) pairs. */
export const handler = workflowTask('CheckLegalHolds', ({ requestId }: { requestId: string }) =>
  legalHoldStep(requestId, deps),
);
