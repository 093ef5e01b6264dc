import { jest } from '@jest/globals';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { sqsNoticeBatch } from '../../../lambdas/adapters/notices/sqs-notice-batch';
import { logger } from '../../../lambdas/adapters/observability/logger';
import type { IncomingNoticeMessage, NoticeOutcome } from '../../../lambdas/domain/notices/send';

function record(messageId: string, receiveCount: number): SQSRecord {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body: JSON.stringify({ version: '2.0.0', to: `recipient-${messageId}` }),
    attributes: { ApproximateReceiveCount: String(receiveCount) } as SQSRecord['attributes'],
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-north-1:000000000000:notices',
    awsRegion: 'eu-north-1',
  };
}

const event = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

/** A sender that answers each message with the outcome named for it, and records what it was given. */
function sender(outcomes: Record<string, NoticeOutcome>) {
  const given: IncomingNoticeMessage[][] = [];
  const send = async (messages: readonly IncomingNoticeMessage[]) => {
    given.push([...messages]);
    const map = new Map(
      messages.map((message) => [message.messageId, outcomes[message.messageId] ?? 'sent']),
    );
    const failed = [...map].filter(([, outcome]) => outcome !== 'sent').map(([id]) => id);
    return { outcomes: map, failedMessageIds: failed };
  };
  return { send, given };
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('Function: sqsNoticeBatch', () => {
  it('gives the domain each message with its receive count and reports the failed ones to SQS', async () => {
    // Prepare
    const { send, given } = sender({ 'm-2': 'failed' });
    const queue = { retryLater: jest.fn(async () => undefined) };

    // Act
    const response = await sqsNoticeBatch(send, queue, 30)(event(record('m-1', 1), record('m-2', 5)));

    // Assess
    expect(given[0]?.map((message) => [message.messageId, message.receiveCount])).toEqual([
      ['m-1', 1],
      ['m-2', 5],
    ]);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }] });
    expect(queue.retryLater).toHaveBeenCalledWith([{ receiptHandle: 'handle-m-2', delaySeconds: 0 }]);
  });

  it('asks the queue for nothing when every message went out', async () => {
    // Prepare
    const { send } = sender({});
    const queue = { retryLater: jest.fn(async () => undefined) };

    // Act
    const response = await sqsNoticeBatch(send, queue, 30)(event(record('m-1', 1)));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(queue.retryLater).not.toHaveBeenCalled();
  });

  it('still reports the failures when the queue cannot take the delay, with a warning', async () => {
    // Prepare
    const { send } = sender({ 'm-1': 'retry' });
    const queue = { retryLater: jest.fn(() => Promise.reject(new Error('SQS unreachable'))) };
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);

    // Act
    const response = await sqsNoticeBatch(send, queue, 30)(event(record('m-1', 2)));

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(warn).toHaveBeenCalledWith('Could not set the retry delay', expect.anything());
  });

  it('logs the batch as counts of outcomes, with no message body', async () => {
    // Prepare
    const { send } = sender({ 'm-2': 'retry', 'm-3': 'retry' });
    const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);

    // Act
    await sqsNoticeBatch(
      send,
      { retryLater: async () => undefined },
      30,
    )(event(record('m-1', 1), record('m-2', 1), record('m-3', 1)));

    // Assess
    expect(info).toHaveBeenCalledWith('Notice batch', { messages: 3, sent: 1, retry: 2 });
  });
});
