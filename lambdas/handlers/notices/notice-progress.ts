import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpHandler } from '../../adapters/http/http-handler';
import { json } from '../../adapters/http/responses';
import { staffPrincipal } from '../../adapters/http/staff-principal';
import { DynamoNotices } from '../../adapters/notices/dynamo-notices';
import { SqsNoticeQueue } from '../../adapters/notices/sqs-notice-queue';
import { NoticeRunEnv } from '../../config/notice-environments';
import { NotFoundError } from '../../domain/errors';
import { progressOf } from '../../domain/notices/delivery';
import { POLICY_VERSION_PATTERN } from '../../domain/policy/version';

const env = NoticeRunEnv.parse(process.env);
const store = new DynamoNotices(DynamoDBDocumentClient.from(new DynamoDBClient()), env.TABLE_NAME);
const queue = new SqsNoticeQueue(new SQSClient(), env.NOTICE_QUEUE_URL, env.NOTICE_DLQ_URL);

/**
 * `GET /staff/policy/versions/{version}/notices`: how far the notice of a version has come (queued, sent,
 * failed, suppressed), the messages waiting in the dead-letter queue, and the failed deliveries by recipient
 * key and reason (no addresses: staff need counts and reasons here, not who). Any staff member may look.
 */
async function getProgress(event: APIGatewayProxyEvent) {
  staffPrincipal(event);
  const version = event.pathParameters?.version ?? '';
  if (!POLICY_VERSION_PATTERN.test(version))
    throw new NotFoundError('There is no published policy version by that number.');
  const [statuses, deadLetters] = await Promise.all([store.statuses(version), queue.deadLetterCount()]);
  return json(200, {
    version,
    ...progressOf(statuses.map((entry) => entry.status)),
    deadLetterQueue: deadLetters,
    failures: statuses
      .filter((entry) => entry.status === 'failed' || entry.status === 'rejected')
      .slice(0, 500)
      .map(({ to, status, reason }) => ({ recipient: to, status, reason })),
  });
}

export const handler = httpHandler(getProgress);
