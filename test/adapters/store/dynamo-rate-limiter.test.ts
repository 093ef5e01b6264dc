import { createHash } from 'node:crypto';
import { DynamoRateLimiter } from '../../../lambdas/adapters/store/dynamo-rate-limiter';
import { keys } from '../../../lambdas/adapters/store/keys';
import { keyedPseudonyms } from '../../../lambdas/domain/pseudonyms';
import { testPseudonyms } from '../../support/pseudonyms';
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
    limiter = new DynamoRateLimiter(database.documents, table, testPseudonyms);
  });

  async function hits(who: string, count: number, limit: number, now: Date): Promise<boolean[]> {
    const results: boolean[] = [];
    for (let i = 0; i < count; i++) {
      results.push(await limiter.hit('request:email', who, limit, WINDOW_SECONDS, now));
    }
    return results;
  }

  /** Every item in the table, as text: what someone holding a copy of the table would see. */
  async function tableText(): Promise<string> {
    return JSON.stringify(await database.allItems(table)).toLowerCase();
  }

  it('allows the limit and refuses the hit after it', async () => {
    // Act
    const results = await hits('kari@example.no', 4, 3, at(10));

    // Assess
    expect(results).toEqual([true, true, true, false]);
  });

  it('counts concurrent hits atomically', async () => {
    // Act
    const results = await Promise.all(
      Array.from({ length: 12 }, () => limiter.hit('request:ip', '203.0.113.7', 5, WINDOW_SECONDS, at(30))),
    );

    // Assess
    expect(results.filter(Boolean)).toHaveLength(5);
  });

  it('starts counting again in the next window', async () => {
    // Prepare
    await hits('kari@example.no', 3, 3, at(0));
    const lastOfWindow = await limiter.hit(
      'request:email',
      'kari@example.no',
      3,
      WINDOW_SECONDS,
      at(WINDOW_SECONDS - 1),
    );

    // Act
    const firstOfNext = await limiter.hit(
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
    const other = await limiter.hit('request:email', 'ola@example.no', 3, WINDOW_SECONDS, at(10));

    // Assess
    expect(other).toBe(true);
  });

  it('counts an address the same whatever its case', async () => {
    // Prepare
    await limiter.hit('request:email', 'Kari@Example.no', 1, WINDOW_SECONDS, at(10));

    // Act
    const again = await limiter.hit('request:email', 'kari@example.no', 1, WINDOW_SECONDS, at(11));

    // Assess
    expect(again).toBe(false);
  });

  it('keeps one counter per person and window, which TTL removes a window after it closes', async () => {
    // Prepare
    const start = WINDOW_START.getTime() / 1000;
    const key = `contact:email:${testPseudonyms.of('rate', 'kari@example.no').slice(0, 32)}`;

    // Act
    await limiter.hit('contact:email', 'kari@example.no', 5, WINDOW_SECONDS, at(42));
    await limiter.hit('contact:email', 'kari@example.no', 5, WINDOW_SECONDS, at(43));

    // Assess
    expect(await database.rawItem(table, keys.rateCounter(key, start))).toEqual({
      ...keys.rateCounter(key, start),
      kind: 'rate-counter',
      hits: 2,
      expiresAt: start + 2 * WINDOW_SECONDS,
    });
  });

  it('stores who hit a counter only as a keyed pseudonym: neither the address nor its bare hash', async () => {
    // Prepare
    const email = 'kari.nordmann@example.no';
    const clientIp = '203.0.113.7';
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

    // Act
    await limiter.hit('request:email', email, 5, WINDOW_SECONDS, at(1));
    await limiter.hit('request:ip', clientIp, 5, WINDOW_SECONDS, at(1));

    // Assess: a table copy cannot be matched against a list of addresses without the key.
    const text = await tableText();
    for (const secret of [
      email,
      'kari.nordmann',
      clientIp,
      sha256(email).slice(0, 32),
      sha256(clientIp).slice(0, 32),
    ]) {
      expect(text).not.toContain(secret);
    }
    const otherKey = keyedPseudonyms(Buffer.alloc(32, 0x01)).of('rate', email).slice(0, 32);
    expect(text).not.toContain(otherKey);
    expect(text).toContain(testPseudonyms.of('rate', email).slice(0, 32));
  });
});
