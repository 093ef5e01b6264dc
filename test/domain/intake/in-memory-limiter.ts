import { type RateLimiter, windowStart } from '../../../lambdas/domain/intake/rate-limits';

/** Fixed-window counters in memory, as DynamoRateLimiter keeps them in the table, recording every hit. */
export class InMemoryLimiter implements RateLimiter {
  readonly hits: { readonly counter: string; readonly who: string }[] = [];
  private readonly counts = new Map<string, number>();

  async hit(counter: string, who: string, limit: number, windowSeconds: number, now: Date): Promise<boolean> {
    this.hits.push({ counter, who });
    const key = `${counter}:${who.toLowerCase()}@${windowStart(windowSeconds, now)}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count <= limit;
  }
}
