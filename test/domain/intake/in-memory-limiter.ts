import { type RateLimiter, windowStart } from '../../../lambdas/domain/intake/rate-limits';

/** Fixed-window counters in memory, as DynamoRateLimiter keeps them in the table, recording every key. */
export class InMemoryLimiter implements RateLimiter {
  readonly keysSeen: string[] = [];
  private readonly counts = new Map<string, number>();

  async hit(key: string, limit: number, windowSeconds: number, now: Date): Promise<boolean> {
    this.keysSeen.push(key);
    const counter = `${key}@${windowStart(windowSeconds, now)}`;
    const count = (this.counts.get(counter) ?? 0) + 1;
    this.counts.set(counter, count);
    return count <= limit;
  }
}
