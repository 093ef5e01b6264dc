/**
 * Spaces one function instance's sends to its share of the SES sending rate. The queue's batch size and the
 * event source's maximum concurrency (lib/constructs/change-notices.ts) bound how many instances there are;
 * this bounds how fast each one sends, since a batch is sent all at once.
 */

export interface PaceClock {
  readonly now: () => number;
  readonly sleep: (milliseconds: number) => Promise<void>;
}

const realClock: PaceClock = {
  now: Date.now,
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};

/** A function to await before each send: it resolves no sooner than 1/`sendsPerSecond` after the last. */
export function sendPacer(sendsPerSecond: number, clock: PaceClock = realClock): () => Promise<void> {
  let nextSendAt = 0;
  return async () => {
    const now = clock.now();
    const at = Math.max(now, nextSendAt);
    nextSendAt = at + 1000 / sendsPerSecond;
    if (at > now) await clock.sleep(at - now);
  };
}
