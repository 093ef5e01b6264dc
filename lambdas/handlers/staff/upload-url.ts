import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { readSubmissionBody } from '../../adapters/http/submission-body';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { presigningS3Client, presignUpload } from '../../adapters/s3/presign';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DynamoIssuedUploads } from '../../adapters/store/dynamo-staff-tasks';
import { StaffUploadEnv } from '../../config/environments';
import { visibleTo } from '../../domain/staff/access';
import { readUploadRequest, uploadKey } from '../../domain/staff/uploads';

const env = StaffUploadEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const requests = new DynamoRequests(documents, env.TABLE_NAME);
const audit = new DynamoAuditTrail(documents, env.TABLE_NAME);
const issued = new DynamoIssuedUploads(documents, env.TABLE_NAME);
const s3 = presigningS3Client();
const URL_SECONDS = 15 * 60;

/**
 * `POST /staff/requests/{id}/uploads` with `{ systemId, fileName, contentType, size }`: a presigned PUT
 * for one manual system's export. The type, the exact size and the encryption are signed into the URL,
 * so S3 refuses any other file. The key is recorded with the request, and the manual-collection task of
 * that request and system may be approved with it (and with no other key).
 */
async function uploadUrl(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const stored = await requests.get(event.pathParameters?.id ?? '');
  // Another company's request answers like one that does not exist.
  const request = visibleTo(staff, stored?.kind === 'request' ? stored : undefined, 'request');
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
  const at = new Date().toISOString();
  // Recorded before the URL is handed out: a decision accepts only a key issued for its request and system.
  await issued.record({
    requestId: request.id,
    systemId: upload.systemId,
    key,
    issuedAt: at,
    issuedBy: staff.username,
  });
  await audit.append(
    request.id,
    {
      action: 'upload-url-issued',
      actor: { kind: 'staff', id: staff.username },
      details: { systemId: upload.systemId, size: upload.size },
    },
    at,
  );
  return json(201, { uploadKey: key, url, method: 'PUT', headers, expiresInSeconds: URL_SECONDS });
}

export const handler = httpHandler(uploadUrl);
