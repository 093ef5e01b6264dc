import { handBackDelays } from '../../../lambdas/domain/notices/hand-back';
import type { NoticeOutcome } from '../../../lambdas/domain/notices/send';

const received = (messageId: string, receiveCount = 1) => ({
  messageId,
  receiptHandle: `handle-${messageId}`,
  receiveCount,
});

describe('Function: handBackDelays', () => {
  it('hands back only the failed messages', () => {
    // Prepare
    const outcomes = new Map<string, NoticeOutcome>([
      ['m-1', 'sent'],
      ['m-2', 'failed'],
      ['m-3', 'skipped'],
    ]);

    // Act
    const handBack = handBackDelays(
      [received('m-1'), received('m-2'), received('m-3')],
      ['m-2'],
      outcomes,
      30,
    );

    // Assess
    expect(handBack).toEqual([{ receiptHandle: 'handle-m-2', delaySeconds: 0 }]);
  });

  it('lets a retry wait its backoff, growing with each receive', () => {
    // Prepare
    const outcomes = new Map<string, NoticeOutcome>([
      ['m-1', 'retry'],
      ['m-2', 'retry'],
    ]);
    const middle = () => 0.5;

    // Act
    const handBack = handBackDelays(
      [received('m-1', 1), received('m-2', 3)],
      ['m-1', 'm-2'],
      outcomes,
      30,
      middle,
    );

    // Assess
    expect(handBack.map((entry) => entry.delaySeconds)).toEqual([23, 90]);
  });

  it('brings a final failure and an unreadable message back at once, for the dead-letter queue', () => {
    // Prepare
    const outcomes = new Map<string, NoticeOutcome>([
      ['m-1', 'failed'],
      ['m-2', 'unreadable'],
    ]);

    // Act
    const handBack = handBackDelays([received('m-1', 5), received('m-2')], ['m-1', 'm-2'], outcomes, 30);

    // Assess
    expect(handBack.map((entry) => entry.delaySeconds)).toEqual([0, 0]);
  });

  it('leaves a message without an id alone', () => {
    // Act
    const handBack = handBackDelays([received('')], [''], new Map([['', 'retry']]), 30);

    // Assess
    expect(handBack).toEqual([]);
  });
});
