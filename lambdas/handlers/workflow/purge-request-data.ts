import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { S3RequestObjects } from '../../adapters/s3/request-objects';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoNationalIdEraser } from '../../adapters/store/dynamo-national-ids';
import { DynamoRequestRecords } from '../../adapters/store/dynamo-request-records';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { PurgeEnv } from '../../config/environments';
import { purgeStep } from '../../domain/workflow/purge';
import { workflowTask } from './task';

const env = PurgeEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  policy: bundledPolicy,
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  records: new DynamoRequestRecords(documents, env.TABLE_NAME),
  objects: new S3RequestObjects(new S3Client({ forcePathStyle: true }), env.EXPORT_BUCKET),
  audit: new DynamoAuditTrail(documents, env.TABLE_NAME),
  nationalIds: new DynamoNationalIdEraser(documents, env.TABLE_NAME),
  clock: () => new Date(),
};

/**
 * `{ requestId }` of a closed request → its collected records, uploads and export are deleted, and its own
 * records are set to expire when the policy's period for privacy-request records ends.
 */
export const handler = workflowTask('PurgeRequestData', ({ requestId }: { requestId: string }) =>
  purgeStep(requestId, deps),
);
