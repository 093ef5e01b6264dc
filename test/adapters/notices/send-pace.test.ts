import { sendPacer } from '../../../lambdas/adapters/notices/send-pace';

/** A clock that only moves when the pacer sleeps, recording each sleep. */
function fakeClock(start = 1_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    advance: (milliseconds: number) => {
      now += milliseconds;
    },
    clock: {
      now: () => now,
      sleep: async (milliseconds: number) => {
        sleeps.push(milliseconds);
      },
    },
  };
}

describe('Function: sendPacer', () => {
  it('lets the first send go at once and spaces the rest at the rate', async () => {
    // Prepare
    const { clock, sleeps } = fakeClock();
    const pace = sendPacer(4, clock);

    // Act
    await Promise.all([pace(), pace(), pace(), pace()]);

    // Assess
    expect(sleeps).toEqual([250, 500, 750]);
  });

  it('does not wait when the last send was long enough ago', async () => {
    // Prepare
    const fake = fakeClock();
    const pace = sendPacer(2, fake.clock);
    await pace();
    fake.advance(600);

    // Act
    await pace();

    // Assess
    expect(fake.sleeps).toEqual([]);
  });
});
