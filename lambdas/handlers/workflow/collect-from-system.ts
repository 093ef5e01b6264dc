import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { configuredConnectors } from '../../adapters/connectors/configured-connectors';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { S3CollectedData } from '../../adapters/s3/collected-data';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { CollectEnv } from '../../config/environments';
import { collectStep } from '../../domain/workflow/steps';
import { workflowTask } from './task';

const env = CollectEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  policy: bundledPolicy,
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  findings: new DynamoWorkflow(documents, env.TABLE_NAME).findings,
  collected: new S3CollectedData(new S3Client({ forcePathStyle: true }), env.EXPORT_BUCKET, env.DATA_KEY_ARN),
  connectors: configuredConnectors({
    documents,
    tableName: env.TABLE_NAME,
    pseudonyms,
    mailchimpSecretId: env.MAILCHIMP_SECRET_ID,
    ...(env.MAILCHIMP_API_BASE_URL === undefined ? {} : { mailchimpBaseUrl: env.MAILCHIMP_API_BASE_URL }),
  }),
  clock: () => new Date(),
};

/** One Map iteration: `{ requestId, systemId }` → `{ needsStaff }`. */
export const handler = workflowTask('CollectFromSystem', (input: { requestId: string; systemId: string }) =>
  collectStep(input, deps),
);
