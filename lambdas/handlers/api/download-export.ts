import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { requesterAudit } from '../../adapters/audit/requester-audit';
import { SesMailer } from '../../adapters/email/ses-mailer';
import { downloadJson, downloadPage } from '../../adapters/http/download-answer';
import { httpHandler } from '../../adapters/http/http-handler';
import { answerRequester } from '../../adapters/http/requester-answer';
import { pageLinks, requesterDownloadPageSecurity } from '../../adapters/http/requester-page';
import { readSubmissionBody } from '../../adapters/http/submission-body';
import { exportDownloadUrl } from '../../adapters/s3/export-download-url';
import { presigningS3Client } from '../../adapters/s3/presign';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoDownloads } from '../../adapters/store/dynamo-downloads';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DownloadEnv } from '../../config/environments';
import { redeemDownloadCode, requestDownloadCode } from '../../domain/requests/download';
import { cryptoSecrets } from '../../domain/requests/secrets';

const env = DownloadEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const deps = {
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  downloads: new DynamoDownloads(documents, env.TABLE_NAME),
  mailer: new SesMailer(new SESv2Client(), { configurationSetName: env.SES_CONFIGURATION_SET }),
  mailFrom: env.MAIL_FROM,
  secrets: cryptoSecrets,
  exportUrl: exportDownloadUrl(presigningS3Client(), env.EXPORT_BUCKET, env.EXPORT_FILE_PREFIX),
  audit: requesterAudit(new DynamoAuditTrail(documents, env.TABLE_NAME)),
  clock: () => new Date(),
};

/**
 * `POST /requests/{id}/download?token=…`: without a code, emails a fresh download code; with `{"code"}`,
 * answers with a download URL that lives 15 minutes (browsers are sent straight to it).
 */
async function download(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const id = event.pathParameters?.id ?? '';
  const token = event.queryStringParameters?.token;
  const body = readSubmissionBody(event) as { code?: unknown; lang?: unknown };
  return answerRequester(event, body.lang, {
    run: () =>
      body.code === undefined
        ? requestDownloadCode(id, token, deps)
        : redeemDownloadCode(id, token, body.code, deps),
    logMessage: 'Export download step',
    page: (outcome, lang) =>
      downloadPage(outcome, lang, pageLinks(env.PUBLIC_BASE_URL, id, lang, token, { download: true })),
    json: downloadJson,
  });
}

export const handler = httpHandler(download, requesterDownloadPageSecurity);
