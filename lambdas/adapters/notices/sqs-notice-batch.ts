/**
 * The SQS side of the notice sender: the event's records become the domain's messages, the failed ones go
 * back to the queue with their own delay, and SQS gets a partial batch failure report. Apart from the
 * handler so the hand-back and the log line (ids and counts only, never an address) can be tested without
 * SES.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { handBackDelays } from '../../domain/notices/hand-back';
import type { BatchResult, IncomingNoticeMessage } from '../../domain/notices/send';
import { logger } from '../observability/logger';
import type { SqsNoticeQueue } from './sqs-notice-queue';

export function sqsNoticeBatch(
  send: (messages: readonly IncomingNoticeMessage[]) => Promise<BatchResult>,
  queue: Pick<SqsNoticeQueue, 'retryLater'>,
  retryBaseSeconds: number,
): (event: SQSEvent) => Promise<SQSBatchResponse> {
  return async (event) => {
    const messages = event.Records.map((record) => ({
      messageId: record.messageId,
      body: record.body,
      receiptHandle: record.receiptHandle,
      receiveCount: Number(record.attributes.ApproximateReceiveCount ?? '1'),
    }));
    const { outcomes, failedMessageIds } = await send(messages);
    const handBack = handBackDelays(messages, failedMessageIds, outcomes, retryBaseSeconds);
    if (handBack.length > 0) {
      await queue
        .retryLater(handBack)
        // Without it the message still comes back, after the queue's own visibility timeout.
        .catch((error: unknown) => logger.warn('Could not set the retry delay', { error }));
    }
    const counts: Record<string, number> = {};
    for (const outcome of outcomes.values()) counts[outcome] = (counts[outcome] ?? 0) + 1;
    logger.info('Notice batch', { messages: messages.length, ...counts });
    return { batchItemFailures: failedMessageIds.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}
