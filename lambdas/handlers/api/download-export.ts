import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, NotFound } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { SesMailer } from '../../adapters/email/ses-mailer';
import { httpHandler } from '../../adapters/http/http-handler';
import {
  htmlPage,
  pageLanguage,
  pageLinks,
  requesterDownloadPageSecurity,
} from '../../adapters/http/requester-page';
import { json } from '../../adapters/http/responses';
import { prefersHtml, readSubmissionBody } from '../../adapters/http/submission-body';
import { logger } from '../../adapters/observability/logger';
import { presignDownload, presigningS3Client } from '../../adapters/s3/presign';
import { DynamoAuditTrail } from '../../adapters/store/dynamo-audit-trail';
import { DynamoDownloads } from '../../adapters/store/dynamo-downloads';
import { DynamoRequests } from '../../adapters/store/dynamo-requests';
import { DownloadEnv } from '../../config/environments';
import { NotFoundError } from '../../domain/errors';
import {
  type DownloadOutcome,
  redeemDownloadCode,
  requestDownloadCode,
} from '../../domain/requests/download';
import { renderDownloadPage, renderNotFoundPage } from '../../domain/requests/pages/render';
import { cryptoSecrets } from '../../domain/requests/secrets';
import { REQUEST_DATA_LIFETIME } from '../../domain/workflow/data-lifetime';
import { exportKey } from '../../domain/workflow/object-keys';

const env = DownloadEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const s3 = presigningS3Client();
const trail = new DynamoAuditTrail(documents, env.TABLE_NAME);

/**
 * The export's URL, or undefined when S3 says it is not there. The function may list the `requests/`
 * prefix, so S3 answers a missing object with 404 rather than 403; any other error (a 403 from a grant
 * that went missing, say) is a fault and stays one.
 */
async function exportUrl(requestId: string, expiresInSeconds: number): Promise<string | undefined> {
  const key = exportKey(requestId);
  try {
    await s3.send(new HeadObjectCommand({ Bucket: env.EXPORT_BUCKET, Key: key }));
  } catch (error) {
    if (error instanceof NotFound) return undefined;
    throw error;
  }
  return presignDownload(s3, {
    bucket: env.EXPORT_BUCKET,
    key,
    fileName: `sterk-${requestId}.zip`,
    expiresInSeconds,
  });
}

const deps = {
  requests: new DynamoRequests(documents, env.TABLE_NAME),
  downloads: new DynamoDownloads(documents, env.TABLE_NAME),
  mailer: new SesMailer(new SESv2Client(), { configurationSetName: env.SES_CONFIGURATION_SET }),
  mailFrom: env.MAIL_FROM,
  secrets: cryptoSecrets,
  exportUrl,
  audit: async (requestId: string, action: string) => {
    await trail.append(
      requestId,
      { action, actor: { kind: 'requester', id: 'requester' } },
      new Date().toISOString(),
    );
  },
  clock: () => new Date(),
};

const statusCodes: Record<DownloadOutcome['kind'], number> = {
  'code-sent': 202,
  'too-soon': 429,
  'no-more-codes': 429,
  'wrong-code': 422,
  'code-burned': 429,
  'code-expired': 410,
  ready: 200,
  'not-available': 409,
  'export-gone': 410,
};

/**
 * `POST /requests/{id}/download?token=…`: without a code, emails a fresh download code; with `{"code"}`,
 * answers with a download URL that lives 15 minutes (browsers are sent straight to it).
 */
async function download(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const id = event.pathParameters?.id ?? '';
  const token = event.queryStringParameters?.token;
  const body = readSubmissionBody(event) as { code?: unknown; lang?: unknown };
  const html = prefersHtml(event);
  const lang = pageLanguage(event, body.lang);
  let outcome: DownloadOutcome;
  try {
    outcome =
      body.code === undefined
        ? await requestDownloadCode(id, token, deps)
        : await redeemDownloadCode(id, token, body.code, deps);
  } catch (error) {
    if (error instanceof NotFoundError && html) return htmlPage(404, renderNotFoundPage(lang));
    throw error;
  }
  logger.info('Export download step', { requestId: id, outcome: outcome.kind });
  if (html) {
    // A link, not a redirect: the pages' CSP keeps form posts on our own origin, and the file is on S3's.
    // The link's download needs the sandbox's allow-downloads, which only this route's pages have.
    const links = pageLinks(env.PUBLIC_BASE_URL, id, lang, token, { download: true });
    return htmlPage(statusCodes[outcome.kind], renderDownloadPage(outcome, lang, links));
  }
  if (outcome.kind === 'ready')
    return json(200, { url: outcome.url, expiresInSeconds: outcome.expiresInSeconds });
  if (outcome.kind === 'code-sent') return json(202, { status: 'code-sent' });
  return json(statusCodes[outcome.kind], {
    error: {
      code: outcome.kind.replaceAll('-', '_'),
      message: {
        'too-soon': 'A code was sent less than a minute ago. Check your email.',
        'no-more-codes':
          'No more download codes can be sent for this request today (or at all): use the last code sent, or contact us.',
        'wrong-code': 'That code is not right.',
        'code-burned': 'Too many wrong codes: ask for a new one.',
        'code-expired': 'The code is too old: ask for a new one.',
        'not-available': 'There is no export to download for this request.',
        'export-gone': `The export is no longer available: it is deleted ${REQUEST_DATA_LIFETIME.keepDaysAfterClose} days after the answer. Make a new access request to get your data again.`,
      }[outcome.kind],
      ...(outcome.kind === 'wrong-code' ? { attemptsLeft: outcome.attemptsLeft } : {}),
      ...(outcome.kind === 'no-more-codes' && outcome.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: outcome.retryAfterSeconds }
        : {}),
    },
  });
}

export const handler = httpHandler(download, requesterDownloadPageSecurity);
