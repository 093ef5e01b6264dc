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
import { sendPacer } from '../../adapters/notices/send-pace';
import { sqsNoticeBatch } from '../../adapters/notices/sqs-notice-batch';
import { SqsNoticeQueue } from '../../adapters/notices/sqs-notice-queue';
import { logger } from '../../adapters/observability/logger';
import { bundledPolicy } from '../../adapters/policy/bundled-policy';
import { DynamoPolicyVersions } from '../../adapters/policy/dynamo-policy-versions';
import { PolicyCatalogue } from '../../adapters/policy/policy-catalogue';
import { NoticeSenderEnv } from '../../config/notice-environments';
import { sendNoticeBatch } from '../../domain/notices/send';

const env = NoticeSenderEnv.parse(process.env);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
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
  maxReceiveCount: Number(env.NOTICE_MAX_RECEIVES),
  claimSeconds: 60,
  pace: sendPacer(Number(env.NOTICE_SEND_RATE)),
};

/**
 * Drains the change-notice queue (batch size and the event source's maximum concurrency in lib/constructs/change-notices.ts
 * keep it within the SES sending rate). Reports partial batch failures: a message that failed comes back
 * after its own backoff, and after its last receive lands in the dead-letter queue. Logs ids and counts only.
 */
const sendNotices = sqsNoticeBatch(
  (messages) => sendNoticeBatch(messages, deps),
  new SqsNoticeQueue(new SQSClient(), env.NOTICE_QUEUE_URL),
  Number(env.NOTICE_RETRY_BASE_SECONDS),
);

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(sendNotices);
