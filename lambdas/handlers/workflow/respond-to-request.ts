import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SesMailer } from '../../adapters/email/ses-mailer';
import { s3ObjectOpener, uploadExportToS3 } from '../../adapters/export/zip-export';
import { DynamoNotices } from '../../adapters/notices/dynamo-notices';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { S3CollectedData } from '../../adapters/s3/collected-data';
import { S3RequestObjects } from '../../adapters/s3/request-objects';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoExportFiles } from '../../adapters/store/dynamo-export-files';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { InternalConnector } from '../../adapters/store/internal-connector';
import { RespondEnv } from '../../config/environments';
import { prepareExport } from '../../domain/export/build';
import type { RequestRecord } from '../../domain/requests/record';
import { cryptoSecrets } from '../../domain/requests/secrets';
import { respondStep } from '../../domain/workflow/answer';
import { readingOwnObjectsOnly } from '../../domain/workflow/collected-match';
import { exportKey } from '../../domain/workflow/object-keys';
import { workflowTask } from './task';

const env = RespondEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const s3 = new S3Client({ forcePathStyle: true });
const workflow = new DynamoWorkflow(documents, env.TABLE_NAME);
const collected = new S3CollectedData(s3, env.EXPORT_BUCKET, env.DATA_KEY_ARN);

async function buildExport(request: RequestRecord) {
  const findings = await workflow.findings.list(request.id);
  const retention = (await workflow.retention.get(request.id)) ?? [];
  const prepared = await prepareExport(
    {
      policy: bundledPolicy,
      request,
      findings,
      retention,
      generatedAt: new Date().toISOString(),
    },
    {
      readCollected: (systemId) => collected.source(request.id, systemId),
      // Only this request's own objects, whatever a finding names (defence in depth, pen test issue 17).
      openUpload: readingOwnObjectsOnly(request.id, s3ObjectOpener(s3, env.EXPORT_BUCKET)),
    },
  );
  const key = exportKey(request.id);
  const { bytes } = await uploadExportToS3({
    client: s3,
    bucket: env.EXPORT_BUCKET,
    key,
    kmsKeyId: env.DATA_KEY_ARN,
    files: prepared.files,
    downloadName: `sterk-${request.type}-${request.id}.zip`,
  });
  return { key, bytes };
}

const deps = {
  policy: bundledPolicy,
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  findings: workflow.findings,
  retention: workflow.retention,
  fulfilments: workflow.fulfilments,
  progress: workflow.progress,
  tokens: workflow.tokens,
  mailer: new SesMailer(new SESv2Client(), { configurationSetName: env.SES_CONFIGURATION_SET }),
  mailFrom: env.MAIL_FROM,
  publicBaseUrl: env.PUBLIC_BASE_URL,
  pseudonyms,
  secrets: cryptoSecrets,
  buildExport,
  storedObjects: new S3RequestObjects(s3, env.EXPORT_BUCKET),
  exportFiles: new DynamoExportFiles(documents, env.TABLE_NAME),
  subjectFlags: new InternalConnector(documents, env.TABLE_NAME, pseudonyms),
  noticeConsents: new DynamoNotices(documents, env.TABLE_NAME),
  clock: () => new Date(),
};

/** `{ requestId }` → the answer (and, for access and portability, the export) is out; the request ends. */
export const handler = workflowTask('RespondToRequest', ({ requestId }: { requestId: string }) =>
  respondStep(requestId, deps),
);
