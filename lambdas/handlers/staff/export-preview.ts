import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { S3CollectedData } from '../../adapters/s3/collected-data';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { StaffExportEnv } from '../../config/environments';
import { ConflictError } from '../../domain/errors';
import { EXPORT_REQUEST_TYPES } from '../../domain/export/build';
import { previewExport } from '../../domain/export/preview';
import { visibleTo } from '../../domain/staff/access';

const env = StaffExportEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const requests = new DynamoRequests(documents, env.TABLE_NAME);
const workflow = new DynamoWorkflow(documents, env.TABLE_NAME);
const audit = new DynamoAuditTrail(documents, env.TABLE_NAME);
const collected = new S3CollectedData(new S3Client({ forcePathStyle: true }), env.EXPORT_BUCKET);

/**
 * `GET /staff/requests/{id}/export-preview`: what the access or portability export will hold, file by
 * file, with the first records of each CSV, so the reviewer sees the answer before approving it. It shows
 * the requester's data, so it is an audited view like the request page.
 */
async function exportPreview(event: APIGatewayProxyEvent) {
  const staff = staffPrincipal(event);
  const stored = await requests.get(event.pathParameters?.id ?? '');
  // Another company's request answers like one that does not exist.
  const request = visibleTo(staff, stored?.kind === 'request' ? stored : undefined, 'request');
  if (!(EXPORT_REQUEST_TYPES as readonly string[]).includes(request.type)) {
    throw new ConflictError(`A ${request.type} request is answered without an export.`);
  }
  const findings = await workflow.findings.list(request.id);
  if (findings.length === 0) throw new ConflictError('Nothing has been collected for this request yet.');
  const now = new Date().toISOString();
  const preview = await previewExport(
    {
      policy: bundledPolicy,
      request,
      findings,
      retention: (await workflow.retention.get(request.id)) ?? [],
      generatedAt: now,
    },
    {
      readCollected: (systemId) => collected.source(request.id, systemId),
    },
  );
  await audit.append(
    request.id,
    { action: 'export-previewed', actor: { kind: 'staff', id: staff.username } },
    now,
  );
  return json(200, preview);
}

export const handler = httpHandler(exportPreview);
