import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { DynamoNotices } from '../../adapters/notices/dynamo-notices';
import { logger } from '../../adapters/observability/logger';
import { NoticeTableEnv } from '../../config/notice-environments';
import { readUnsubscribeLink, renderUnsubscribePage, unsubscribe } from '../../domain/notices/unsubscribe';
import { negotiateLanguage } from '../../domain/policy/language';
import { POLICY_PAGE_STYLE } from '../../domain/policy/page-style';

const env = NoticeTableEnv.parse(process.env);
const store = new DynamoNotices(DynamoDBDocumentClient.from(new DynamoDBClient()), env.TABLE_NAME);

function page(statusCode: number, body: string): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
    body,
  };
}

/**
 * `GET /policy/unsubscribe?v&r&t` shows a button; `POST` to the same address (the button, or a mail client's
 * one-click List-Unsubscribe-Post) unsubscribes. A link that is not ours answers the same 404 page whether
 * the version, the person or the token is wrong. Logs say that it happened, never for whom.
 */
async function handle(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const lang = negotiateLanguage(event.queryStringParameters?.lang, event.headers['accept-language']);
  const link = readUnsubscribeLink(event.queryStringParameters);
  if (link === undefined) return page(404, renderUnsubscribePage('invalid', lang));
  if (event.httpMethod !== 'POST') return page(200, renderUnsubscribePage('ask', lang));
  if (!(await unsubscribe(link, store, new Date()))) return page(404, renderUnsubscribePage('invalid', lang));
  logger.info('Unsubscribed from change notices', { version: link.version });
  return page(200, renderUnsubscribePage('done', lang));
}

export const handler = httpHandler(handle, {
  contentSecurityPolicy: {
    'default-src': "'none'",
    'style-src': `'sha256-${createHash('sha256').update(POLICY_PAGE_STYLE).digest('base64')}'`,
    'base-uri': "'none'",
    'form-action': "'self'",
    'frame-ancestors': "'none'",
  },
});
