import { rateLimiterContract } from '../adapters/store/rate-limiter-contract';
import { InMemoryRateLimiter } from './in-memory-rate-limiter';

describe('Class: InMemoryRateLimiter (the shared contract)', () => {
  let limiter: InMemoryRateLimiter;

  beforeEach(() => {
    limiter = new InMemoryRateLimiter();
  });

  rateLimiterContract(() => limiter);

  it('counts every hit in totalHits', async () => {
    // Prepare
    const now = new Date('2026-03-02T09:00:00.000Z');

    // Act
    await limiter.hit('request:email', 'kari@example.no', 1, 600, now);
    await limiter.hit('request:email', 'kari@example.no', 1, 600, now);
    await limiter.hit('request:ip', '192.0.2.1', 1, 600, now);

    // Assess
    expect(limiter.totalHits).toBe(3);
    expect(limiter.hits.map((h) => h.counter)).toEqual(['request:email', 'request:email', 'request:ip']);
  });
});
