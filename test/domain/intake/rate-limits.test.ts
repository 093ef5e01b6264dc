import { TooManyRequestsError } from '../../../lambdas/domain/errors';
import {
  enforceSubmissionLimits,
  mailboxOf,
  type RateLimiter,
  type SubmissionLimits,
  windowStart,
} from '../../../lambdas/domain/intake/rate-limits';
import { InMemoryRateLimiter } from '../../support/in-memory-rate-limiter';

const LIMITS: SubmissionLimits = {
  perEmail: { limit: 2, windowSeconds: 3600 },
  perClient: { limit: 3, windowSeconds: 600 },
};
// 09:00:00Z starts an hour window and a ten-minute window; 09:05:30Z is 330 s into both.
const NOW = new Date('2026-03-02T09:05:30.000Z');

async function submit(limiter: RateLimiter, email: string, clientIp?: string, now = NOW) {
  await enforceSubmissionLimits(limiter, LIMITS, { form: 'request', email, clientIp }, now);
}

describe('Function: enforceSubmissionLimits', () => {
  it('lets submissions through up to the per-email limit', async () => {
    // Prepare
    const limiter = new InMemoryRateLimiter();

    // Act
    const attempts = [submit(limiter, 'kari@example.no'), submit(limiter, 'kari@example.no')];

    // Assess
    await expect(Promise.all(attempts)).resolves.toEqual([undefined, undefined]);
  });

  it('counts an address with a +tag or other case as the same mailbox', async () => {
    // Prepare
    const limiter = new InMemoryRateLimiter();
    await submit(limiter, 'kari+1@example.no');
    await submit(limiter, 'KARI+2@Example.no');

    // Act
    const attempt = submit(limiter, 'kari@example.no');

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(TooManyRequestsError);
  });

  it('refuses the submission over the per-email limit until the window ends', async () => {
    // Prepare
    const limiter = new InMemoryRateLimiter();
    await submit(limiter, 'kari@example.no');
    await submit(limiter, 'kari@example.no');

    // Act
    const attempt = submit(limiter, 'kari@example.no');

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(attempt).rejects.toMatchObject({ retryAfterSeconds: 3600 - 330 });
  });

  it('counts an email address the same whatever its case', async () => {
    // Prepare
    const limiter = new InMemoryRateLimiter();
    await submit(limiter, 'kari@example.no');
    await submit(limiter, 'KARI@Example.NO');

    // Act
    const attempt = submit(limiter, 'Kari@example.no');

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(TooManyRequestsError);
  });

  it('lets the email submit again in the next window', async () => {
    // Prepare
    const limiter = new InMemoryRateLimiter();
    await submit(limiter, 'kari@example.no');
    await submit(limiter, 'kari@example.no');

    // Act
    const attempt = submit(limiter, 'kari@example.no', undefined, new Date('2026-03-02T10:00:00.000Z'));

    // Assess
    await expect(attempt).resolves.toBeUndefined();
  });

  it('refuses the submission over the per-client limit, whichever email it names', async () => {
    // Prepare
    const limiter = new InMemoryRateLimiter();
    for (const email of ['a@example.no', 'b@example.no', 'c@example.no']) {
      await submit(limiter, email, '203.0.113.7');
    }

    // Act
    const attempt = submit(limiter, 'd@example.no', '203.0.113.7');

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(attempt).rejects.toMatchObject({ retryAfterSeconds: 600 - 330 });
    await expect(submit(limiter, 'e@example.no', '198.51.100.9')).resolves.toBeUndefined();
  });

  it('does not count a client when its address is unknown', async () => {
    // Prepare
    const limiter = new InMemoryRateLimiter();

    // Act
    await submit(limiter, 'kari@example.no');

    // Assess
    expect(limiter.hits).toEqual([{ counter: 'request:email', who: 'kari@example.no' }]);
  });

  it('counts the mailbox without its +tag and the client address, each on its own counter', async () => {
    // Prepare
    const limiter = new InMemoryRateLimiter();

    // Act
    await submit(limiter, 'Kari.Nordmann+news@Example.no', '203.0.113.7');

    // Assess: the table adapter stores them as pseudonyms only (its own tests say so).
    expect(limiter.hits).toEqual([
      { counter: 'request:email', who: 'kari.nordmann@example.no' },
      { counter: 'request:ip', who: '203.0.113.7' },
    ]);
  });

  it('keeps the counters of the two forms apart', async () => {
    // Prepare
    const limiter = new InMemoryRateLimiter();
    await submit(limiter, 'kari@example.no');
    await submit(limiter, 'kari@example.no');

    // Act
    const contact = enforceSubmissionLimits(
      limiter,
      LIMITS,
      { form: 'contact', email: 'kari@example.no' },
      NOW,
    );

    // Assess
    await expect(contact).resolves.toBeUndefined();
    expect(limiter.hits.at(-1)?.counter).toBe('contact:email');
  });

  it('answers at least one second to wait, on the last second of a window', async () => {
    // Prepare
    const limiter = new InMemoryRateLimiter();
    const lastSecond = new Date('2026-03-02T09:59:59.900Z');
    await submit(limiter, 'kari@example.no', undefined, lastSecond);
    await submit(limiter, 'kari@example.no', undefined, lastSecond);

    // Act
    const attempt = submit(limiter, 'kari@example.no', undefined, lastSecond);

    // Assess
    await expect(attempt).rejects.toMatchObject({ retryAfterSeconds: 1 });
  });
});

describe('Function: windowStart', () => {
  it.each([
    ['the first second of a window', '2026-03-02T09:00:00.000Z', 3600, '2026-03-02T09:00:00.000Z'],
    ['a moment inside it', '2026-03-02T09:59:59.999Z', 3600, '2026-03-02T09:00:00.000Z'],
    ['a ten-minute window', '2026-03-02T09:19:59.000Z', 600, '2026-03-02T09:10:00.000Z'],
    ['the epoch', '1970-01-01T00:00:00.000Z', 60, '1970-01-01T00:00:00.000Z'],
  ])('aligns %s to the epoch', (_, now, windowSeconds, expected) => {
    // Act
    const start = windowStart(windowSeconds, new Date(now));

    // Assess
    expect(start).toBe(Date.parse(expected) / 1000);
  });
});

describe('Function: mailboxOf', () => {
  it.each([
    ['Kari@Example.no', 'kari@example.no'],
    ['kari+nyhetsbrev@example.no', 'kari@example.no'],
    ['kari+a+b@example.no', 'kari@example.no'],
    // A local part that starts with + is an address of its own, not a tag.
    ['+47@example.no', '+47@example.no'],
    ['"kari@home"@example.no', '"kari@home"@example.no'],
  ])('reads %s as %s', (email, mailbox) => {
    // Assess
    expect(mailboxOf(email)).toBe(mailbox);
  });
});
