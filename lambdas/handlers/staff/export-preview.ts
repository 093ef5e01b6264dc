import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { reviewerExportPreview } from '../../adapters/export/export-preview';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { S3CollectedData } from '../../adapters/s3/collected-data';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { StaffExportEnv } from '../../config/environments';

const env = StaffExportEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const workflow = new DynamoWorkflow(documents, env.TABLE_NAME);
const previewFor = reviewerExportPreview({
  policy: bundledPolicy,
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  findings: workflow.findings,
  retention: workflow.retention,
  audit: new DynamoAuditTrail(documents, env.TABLE_NAME),
  collected: new S3CollectedData(new S3Client({ forcePathStyle: true }), env.EXPORT_BUCKET),
});

/**
 * `GET /staff/requests/{id}/export-preview`: what the access or portability export will hold, file by
 * file, with the first records of each CSV, so the reviewer sees the answer before approving it. It shows
 * the requester's data, so it is an audited view like the request page.
 */
async function exportPreview(event: APIGatewayProxyEvent) {
  return json(200, await previewFor(staffPrincipal(event), event.pathParameters?.id ?? ''));
}

export const handler = httpHandler(exportPreview);
