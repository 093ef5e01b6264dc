import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { SesMailer } from '../../adapters/email/ses-mailer';
import { DynamoNotices } from '../../adapters/notices/dynamo-notices';
import { noticeContentFrom } from '../../adapters/notices/notice-content';
import { SqsNoticeQueue } from '../../adapters/notices/sqs-notice-queue';
import { logger } from '../../adapters/observability/logger';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoPolicyVersions } from '../../adapters/policy/dynamo-policy-versions';
import { PolicyCatalogue } from '../../adapters/policy/policy-catalogue';
import { NoticeSenderEnv } from '../../config/notice-environments';
import { retryDelaySeconds } from '../../domain/notices/delivery';
import { sendNoticeBatch } from '../../domain/notices/send';

const env = NoticeSenderEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const queue = new SqsNoticeQueue(new SQSClient(), env.NOTICE_QUEUE_URL);
const rate = Number(env.NOTICE_SEND_RATE);
const retryBase = Number(env.NOTICE_RETRY_BASE_SECONDS);
const maxReceiveCount = Number(env.NOTICE_MAX_RECEIVES);

/** Spaces this instance's sends to its share of the SES rate (sends a second). */
let nextSendAt = 0;
async function pace(): Promise<void> {
  const now = Date.now();
  const at = Math.max(now, nextSendAt);
  nextSendAt = at + 1000 / rate;
  if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
}

const deps = {
  store: new DynamoNotices(documents, env.TABLE_NAME),
  // One attempt per receive: the queue is the retry, with its backoff and its dead-letter queue.
  mailer: new SesMailer(new SESv2Client({ maxAttempts: 1 }), {
    configurationSetName: env.SES_CONFIGURATION_SET,
  }),
  mailFrom: env.MAIL_FROM,
  publicBaseUrl: env.PUBLIC_BASE_URL,
  content: noticeContentFrom(
    new PolicyCatalogue(new DynamoPolicyVersions(documents, env.TABLE_NAME), bundledPolicy),
  ),
  clock: () => new Date(),
  maxReceiveCount,
  claimSeconds: 60,
  pace,
};

/**
 * Drains the change-notice queue (batch size and the event source's maximum concurrency in lib/constructs/change-notices.ts
 * keep it within the SES sending rate). Reports partial batch failures: a message that failed comes back
 * after its own backoff, and after its last receive lands in the dead-letter queue. Logs ids and counts only.
 */
async function sendNotices(event: SQSEvent): Promise<SQSBatchResponse> {
  const messages = event.Records.map((record) => ({
    messageId: record.messageId,
    body: record.body,
    receiveCount: Number(record.attributes.ApproximateReceiveCount ?? '1'),
  }));
  const { outcomes, failedMessageIds } = await sendNoticeBatch(messages, deps);
  const failed = new Set(failedMessageIds);
  // A retry comes back after its backoff; a message that failed its last receive comes back at once, so the
  // queue moves it to the dead-letter queue now rather than after the visibility timeout.
  const handBack = event.Records.filter((record) => failed.has(record.messageId) && record.messageId !== '');
  if (handBack.length > 0) {
    await queue
      .retryLater(
        handBack.map((record) => ({
          receiptHandle: record.receiptHandle,
          delaySeconds:
            outcomes.get(record.messageId) === 'retry'
              ? retryDelaySeconds(Number(record.attributes.ApproximateReceiveCount ?? '1'), retryBase)
              : 0,
        })),
      )
      // Without it the message still comes back, after the queue's own visibility timeout.
      .catch((error: unknown) => logger.warn('Could not set the retry delay', { error }));
  }
  const counts: Record<string, number> = {};
  for (const outcome of outcomes.values()) counts[outcome] = (counts[outcome] ?? 0) + 1;
  logger.info('Notice batch', { messages: messages.length, ...counts });
  return { batchItemFailures: failedMessageIds.map((itemIdentifier) => ({ itemIdentifier })) };
}

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(sendNotices);
