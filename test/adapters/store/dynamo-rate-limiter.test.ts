import { DynamoRateLimiter } from '../../../lambdas/adapters/store/dynamo-rate-limiter';
import { keys } from '../../../lambdas/adapters/store/keys';
import { type TestDatabase, useTestTables } from './dynalite-table';

const WINDOW_SECONDS = 600;
// 2026-03-02T09:00:00Z is a multiple of 600 seconds since the epoch: a window starts here.
const WINDOW_START = new Date('2026-03-02T09:00:00.000Z');
const at = (secondsIntoWindow: number) => new Date(WINDOW_START.getTime() + secondsIntoWindow * 1000);

describe('Class: DynamoRateLimiter', () => {
  let database: TestDatabase;
  let table: string;
  let limiter: DynamoRateLimiter;

  useTestTables(async (started, name) => {
    database = started;
    table = name;
    limiter = new DynamoRateLimiter(database.documents, table);
  });

  async function hits(key: string, count: number, limit: number, now: Date): Promise<boolean[]> {
    const results: boolean[] = [];
    for (let i = 0; i < count; i++) results.push(await limiter.hit(key, limit, WINDOW_SECONDS, now));
    return results;
  }

  it('allows the limit and refuses the hit after it', async () => {
    // Act
    const results = await hits('request:email:abc', 4, 3, at(10));

    // Assess
    expect(results).toEqual([true, true, true, false]);
  });

  it('counts concurrent hits atomically', async () => {
    // Act
    const results = await Promise.all(
      Array.from({ length: 12 }, () => limiter.hit('request:ip:def', 5, WINDOW_SECONDS, at(30))),
    );

    // Assess
    expect(results.filter(Boolean)).toHaveLength(5);
  });

  it('starts counting again in the next window', async () => {
    // Arrange
    await hits('request:email:abc', 3, 3, at(0));
    const lastOfWindow = await limiter.hit('request:email:abc', 3, WINDOW_SECONDS, at(WINDOW_SECONDS - 1));

    // Act
    const firstOfNext = await limiter.hit('request:email:abc', 3, WINDOW_SECONDS, at(WINDOW_SECONDS));

    // Assess
    expect(lastOfWindow).toBe(false);
    expect(firstOfNext).toBe(true);
  });

  it('counts each key on its own', async () => {
    // Arrange
    await hits('request:email:abc', 3, 3, at(10));

    // Act
    const other = await limiter.hit('request:email:xyz', 3, WINDOW_SECONDS, at(10));

    // Assess
    expect(other).toBe(true);
  });

  it('keeps one counter per key and window, which TTL removes a window after it closes', async () => {
    // Arrange
    const start = WINDOW_START.getTime() / 1000;

    // Act
    await hits('contact:email:abc', 2, 5, at(42));

    // Assess
    expect(await database.rawItem(table, keys.rateCounter('contact:email:abc', start))).toEqual({
      ...keys.rateCounter('contact:email:abc', start),
      kind: 'rate-counter',
      hits: 2,
      expiresAt: start + 2 * WINDOW_SECONDS,
    });
  });
});
