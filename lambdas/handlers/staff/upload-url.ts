import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { assertCanSee, staffPrincipal } from '../../adapters/http/staff-principal';
import { readSubmissionBody } from '../../adapters/http/submission-body';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { presigningS3Client, presignUpload } from '../../adapters/s3/presign';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { StaffUploadEnv } from '../../config/environments';
import { NotFoundError } from '../../domain/errors';
import { readUploadRequest, uploadKey } from '../../domain/staff/uploads';

const env = StaffUploadEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const requests = new DynamoRequests(documents, env.TABLE_NAME);
const audit = new DynamoAuditTrail(documents, env.TABLE_NAME);
const s3 = presigningS3Client();
const URL_SECONDS = 15 * 60;

/**
 * `POST /staff/requests/{id}/uploads` with `{ systemId, fileName, contentType, size }`: a presigned PUT
 * for one manual system's export. The type, the exact size and the encryption are signed into the URL,
 * so S3 refuses any other file. Approve the manual-collection task with the returned `uploadKey`.
 */
async function uploadUrl(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const request = await requests.get(event.pathParameters?.id ?? '');
  if (request?.kind !== 'request') throw new NotFoundError('No such request');
  assertCanSee(staff, request.controllerId);
  const upload = readUploadRequest(bundledPolicy, request, readSubmissionBody(event));
  const key = uploadKey(request.id, upload, randomUUID());
  const { url, headers } = await presignUpload(s3, {
    bucket: env.EXPORT_BUCKET,
    key,
    contentType: upload.contentType,
    size: upload.size,
    kmsKeyArn: env.DATA_KEY_ARN,
    expiresInSeconds: URL_SECONDS,
  });
  await audit.append(
    request.id,
    {
      action: 'upload-url-issued',
      actor: { kind: 'staff', id: staff.username },
      details: { systemId: upload.systemId, size: upload.size },
    },
    new Date().toISOString(),
  );
  return json(201, { uploadKey: key, url, method: 'PUT', headers, expiresInSeconds: URL_SECONDS });
}

export const handler = httpHandler(uploadUrl);
