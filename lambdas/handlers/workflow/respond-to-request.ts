import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SesMailer } from '../../adapters/email/ses-mailer';
import { requestExport } from '../../adapters/export/request-export';
import { DynamoNotices } from '../../adapters/notices/dynamo-notices';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { S3RequestObjects } from '../../adapters/s3/request-objects';
import { loadPseudonyms } from '../../adapters/secrets/pseudonym-key';
import { DynamoExportFiles } from '../../adapters/store/dynamo-export-files';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DynamoWorkflow } from '../../adapters/store/dynamo-workflow';
import { InternalConnector } from '../../adapters/store/internal-connector';
import { RespondEnv } from '../../config/environments';
import { cryptoSecrets } from '../../domain/requests/secrets';
import { respondStep } from '../../domain/workflow/answer';
import { workflowTask } from './task';

const env = RespondEnv.parse(process.env);
const pseudonyms = await loadPseudonyms(env.PSEUDONYM_KEY_SECRET_ARN);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const s3 = new S3Client({ forcePathStyle: true });
const workflow = new DynamoWorkflow(documents, env.TABLE_NAME);
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
  buildExport: requestExport({
    client: s3,
    bucket: env.EXPORT_BUCKET,
    dataKeyArn: env.DATA_KEY_ARN,
    policy: bundledPolicy,
    findings: workflow.findings,
    retention: workflow.retention,
  }),
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
