/**
 * What every RateLimiter must do, run against the DynamoDB adapter on dynalite
 * (dynamo-rate-limiter-contract.test.ts) and the in-memory fake the domain tests use
 * (test/support/in-memory-rate-limiter.test.ts). What only the table shows (its keys, TTL, pseudonyms)
 * stays in dynamo-rate-limiter.test.ts.
 */
import type { RateLimiter } from '../../../lambdas/domain/intake/rate-limits';

const WINDOW_SECONDS = 600;
// 2026-03-02T09:00:00Z is a multiple of 600 seconds since the epoch: a window starts here.
const WINDOW_START = new Date('2026-03-02T09:00:00.000Z');
const at = (secondsIntoWindow: number) => new Date(WINDOW_START.getTime() + secondsIntoWindow * 1000);

/** Defines the contract's tests; `limiter` gives the limiter under test, fresh (no hits) for each test. */
export function rateLimiterContract(limiter: () => RateLimiter): void {
  async function hits(who: string, count: number, limit: number, now: Date): Promise<boolean[]> {
    const results: boolean[] = [];
    for (let i = 0; i < count; i++) {
      results.push(await limiter().hit('request:email', who, limit, WINDOW_SECONDS, now));
    }
    return results;
  }

  describe('Contract: RateLimiter', () => {
    it('allows the limit and refuses the hit after it', async () => {
      // Act
      const results = await hits('kari@example.no', 4, 3, at(10));

      // Assess
      expect(results).toEqual([true, true, true, false]);
    });

    it('counts concurrent hits atomically', async () => {
      // Act
      const results = await Promise.all(
        Array.from({ length: 12 }, () =>
          limiter().hit('request:ip', '203.0.113.7', 5, WINDOW_SECONDS, at(30)),
        ),
      );

      // Assess
      expect(results.filter(Boolean)).toHaveLength(5);
    });

    it('counts refused hits too', async () => {
      // Prepare: four hits, one of them refused under a limit of 3
      await hits('kari@example.no', 4, 3, at(10));

      // Act: the same person under a limit of 5
      const fifth = await limiter().hit('request:email', 'kari@example.no', 5, WINDOW_SECONDS, at(11));
      const sixth = await limiter().hit('request:email', 'kari@example.no', 5, WINDOW_SECONDS, at(12));

      // Assess
      expect([fifth, sixth]).toEqual([true, false]);
    });

    it('starts counting again in the next window', async () => {
      // Prepare
      await hits('kari@example.no', 3, 3, at(0));
      const lastOfWindow = await limiter().hit(
        'request:email',
        'kari@example.no',
        3,
        WINDOW_SECONDS,
        at(WINDOW_SECONDS - 1),
      );

      // Act
      const firstOfNext = await limiter().hit(
        'request:email',
        'kari@example.no',
        3,
        WINDOW_SECONDS,
        at(WINDOW_SECONDS),
      );

      // Assess
      expect(lastOfWindow).toBe(false);
      expect(firstOfNext).toBe(true);
    });

    it('counts each person on their own', async () => {
      // Prepare
      await hits('kari@example.no', 3, 3, at(10));

      // Act
      const other = await limiter().hit('request:email', 'ola@example.no', 3, WINDOW_SECONDS, at(10));

      // Assess
      expect(other).toBe(true);
    });

    it('counts each counter on its own', async () => {
      // Prepare
      await hits('kari@example.no', 3, 3, at(10));

      // Act
      const other = await limiter().hit('contact:email', 'kari@example.no', 3, WINDOW_SECONDS, at(10));

      // Assess
      expect(other).toBe(true);
    });

    it('counts an address the same whatever its case', async () => {
      // Prepare
      await limiter().hit('request:email', 'Kari@Example.no', 1, WINDOW_SECONDS, at(10));

      // Act
      const again = await limiter().hit('request:email', 'kari@example.no', 1, WINDOW_SECONDS, at(11));

      // Assess
      expect(again).toBe(false);
    });
  });
}
