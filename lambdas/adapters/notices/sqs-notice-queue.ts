/**
 * The notice queue on SQS: messages are `{"version","to"}` (ids only). Sending goes in batches of ten,
 * several at once, and an entry SQS refuses is sent again; a batch that keeps failing fails the run, which
 * can simply be started again (runs are idempotent). The dead-letter queue is read for staff and replayed
 * onto the main queue.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { NoticeMessage } from '../../domain/notices/delivery';
import type { NoticeQueue } from '../../domain/notices/start';

export class SqsNoticeQueue implements NoticeQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    private readonly deadLetterQueueUrl?: string,
    private readonly parallelism = 8,
  ) {}

  async enqueue(messages: readonly NoticeMessage[]): Promise<void> {
    const batches: NoticeMessage[][] = [];
    for (let start = 0; start < messages.length; start += 10) batches.push(messages.slice(start, start + 10));
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next++] as NoticeMessage[];
        await this.sendBatch(
          this.queueUrl,
          batch.map((message) => JSON.stringify(message)),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.parallelism, batches.length) }, worker));
  }

  /** Hands failed messages back to the queue after their own delay (the retry's backoff). */
  async retryLater(receipts: readonly { receiptHandle: string; delaySeconds: number }[]): Promise<void> {
    for (let start = 0; start < receipts.length; start += 10) {
      await this.client.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: receipts.slice(start, start + 10).map((receipt, index) => ({
            Id: String(index),
            ReceiptHandle: receipt.receiptHandle,
            VisibilityTimeout: receipt.delaySeconds,
          })),
        }),
      );
    }
  }

  /** How many messages wait in the dead-letter queue (approximate, as SQS counts). */
  async deadLetterCount(): Promise<number> {
    const url = this.requireDeadLetterQueue();
    const { Attributes } = await this.client.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
      Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
    );
  }

  /**
   * Moves up to `limit` dead letters back onto the main queue, calling `accept` for each first (it may say
   * no, e.g. for a delivery that is no longer failed: that letter is dropped). Returns what was moved.
   */
  async replayDeadLetters(
    accept: (message: NoticeMessage | undefined) => Promise<boolean>,
    limit = 1000,
  ): Promise<NoticeMessage[]> {
    const url = this.requireDeadLetterQueue();
    const moved: NoticeMessage[] = [];
    for (let empty = 0; moved.length < limit && empty < 2; ) {
      const { Messages = [] } = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          VisibilityTimeout: 60,
        }),
      );
      if (Messages.length === 0) {
        empty++;
        continue;
      }
      const keep: string[] = [];
      for (const message of Messages) {
        const parsed = parse(message.Body);
        if (await accept(parsed)) {
          keep.push(message.Body ?? '');
          if (parsed !== undefined) moved.push(parsed);
        }
      }
      if (keep.length > 0) await this.sendBatch(this.queueUrl, keep);
      await this.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: url,
          Entries: Messages.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle ?? '',
          })),
        }),
      );
    }
    return moved;
  }

  private async sendBatch(url: string, bodies: readonly string[]): Promise<void> {
    let pending = bodies.map((body, index) => ({ Id: String(index), MessageBody: body }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= 5) throw new Error(`SQS refused ${pending.length} messages five times`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt * Math.random()));
      try {
        const { Failed = [] } = await this.client.send(
          new SendMessageBatchCommand({ QueueUrl: url, Entries: pending }),
        );
        const failed = new Set(Failed.map((entry) => entry.Id));
        pending = pending.filter((entry) => failed.has(entry.Id));
      } catch (error) {
        if (attempt >= 4) throw error;
      }
    }
  }

  private requireDeadLetterQueue(): string {
    if (this.deadLetterQueueUrl === undefined)
      throw new Error('This function was given no dead-letter queue');
    return this.deadLetterQueueUrl;
  }
}

function parse(body: string | undefined): NoticeMessage | undefined {
  try {
    const value = JSON.parse(body ?? '') as Partial<NoticeMessage>;
    return typeof value.version === 'string' && typeof value.to === 'string'
      ? { version: value.version, to: value.to }
      : undefined;
  } catch {
    return undefined;
  }
}
