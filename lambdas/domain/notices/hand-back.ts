/**
 * When a notice message that failed comes back from the queue. A retry waits its own backoff, so a passing
 * SES fault is not hammered; a message that failed for good (its last receive, or unreadable) comes back at
 * once, so the queue moves it to the dead-letter queue now rather than after the visibility timeout.
 */
import { retryDelaySeconds } from './delivery';
import type { NoticeOutcome } from './send';

export interface ReceivedNotice {
  readonly messageId: string;
  /** The queue's handle for this receive, to change its visibility. */
  readonly receiptHandle: string;
  /** How many times the queue has handed this message out, this time included. */
  readonly receiveCount: number;
}

export interface HandBack {
  readonly receiptHandle: string;
  readonly delaySeconds: number;
}

/** Only the failed messages; one without an id cannot be told apart from the others and is left alone. */
export function handBackDelays(
  received: readonly ReceivedNotice[],
  failedMessageIds: readonly string[],
  outcomes: ReadonlyMap<string, NoticeOutcome>,
  retryBaseSeconds: number,
  random: () => number = Math.random,
): HandBack[] {
  const failed = new Set(failedMessageIds);
  return received
    .filter((message) => failed.has(message.messageId) && message.messageId !== '')
    .map((message) => ({
      receiptHandle: message.receiptHandle,
      delaySeconds:
        outcomes.get(message.messageId) === 'retry'
          ? retryDelaySeconds(message.receiveCount, retryBaseSeconds, random)
          : 0,
    }));
}
