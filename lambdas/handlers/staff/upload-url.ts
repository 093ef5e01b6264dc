import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { readSubmissionBody } from '../../adapters/http/submission-body';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { presigningS3Client } from '../../adapters/s3/presign';
import { staffUploadUrl } from '../../adapters/staff/upload-url';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DynamoIssuedUploads } from '../../adapters/store/dynamo-staff-tasks';
import { StaffUploadEnv } from '../../config/environments';

const env = StaffUploadEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const issueUploadUrl = staffUploadUrl({
  policy: bundledPolicy,
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  issued: new DynamoIssuedUploads(documents, env.TABLE_NAME),
  audit: new DynamoAuditTrail(documents, env.TABLE_NAME),
  client: presigningS3Client(),
  bucket: env.EXPORT_BUCKET,
  dataKeyArn: env.DATA_KEY_ARN,
  newId: randomUUID,
});

/**
 * `POST /staff/requests/{id}/uploads` with `{ systemId, fileName, contentType, size }`: a presigned PUT
 * for one manual system's export. The type, the exact size and the encryption are signed into the URL,
 * so S3 refuses any other file. The key is recorded with the request, and the manual-collection task of
 * that request and system may be approved with it (and with no other key).
 */
async function uploadUrl(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const grant = await issueUploadUrl(staff, event.pathParameters?.id ?? '', () => readSubmissionBody(event));
  return json(201, grant);
}

export const handler = httpHandler(uploadUrl);
