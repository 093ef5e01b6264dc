import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3RequestObjects } from '../../adapters/s3/request-objects';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { PurgeEnv } from '../../config/environments';
import { purgeStep } from '../../domain/workflow/purge';
import { workflowTask } from './task';

const env = PurgeEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  objects: new S3RequestObjects(new S3Client({ forcePathStyle: true }), env.EXPORT_BUCKET),
  audit: new DynamoAuditTrail(documents, env.TABLE_NAME),
  clock: () => new Date(),
};

/** `{ requestId }` of a closed request → its collected records, uploads and export are deleted. */
export const handler = workflowTask('PurgeRequestData', ({ requestId }: { requestId: string }) =>
  purgeStep(requestId, deps),
);
