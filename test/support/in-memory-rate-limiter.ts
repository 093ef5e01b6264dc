/**
 * An in-memory RateLimiter for domain tests: the same contract as DynamoRateLimiter
 * (lambdas/adapters/store/dynamo-rate-limiter.ts), held to it by the shared contract suite
 * (test/adapters/store/rate-limiter-contract.ts).
 */
import { type RateLimiter, windowStart } from '../../lambdas/domain/intake/rate-limits';

export class InMemoryRateLimiter implements RateLimiter {
  /** Every hit in order, for tests that check what was counted against whom. */
  readonly hits: { readonly counter: string; readonly who: string }[] = [];
  private readonly counts = new Map<string, number>();

  async hit(counter: string, who: string, limit: number, windowSeconds: number, now: Date): Promise<boolean> {
    this.hits.push({ counter, who });
    // One counter per counter name, person (whatever the case of the address) and fixed window aligned to
    // the epoch, as the adapter keys it. Only memory holds `who` here, and only for the test's life.
    const key = `${counter}:${who.toLowerCase()}#${windowStart(windowSeconds, now)}`;
    // The adapter's atomic `ADD hits :one`: every hit counts, refused ones too, and the read-and-add has no
    // `await` in between, so concurrent hits are counted one by one.
    const hits = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, hits);
    return hits <= limit;
  }

  /** How many hits were counted, over every counter and window. */
  get totalHits(): number {
    return this.hits.length;
  }
}
