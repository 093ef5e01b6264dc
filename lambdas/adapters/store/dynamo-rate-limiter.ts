import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type RateLimiter, windowStart } from '../../domain/intake/rate-limits';
import type { Pseudonyms } from '../../domain/pseudonyms';
import { keys } from './keys';

/**
 * Fixed-window counters: one atomic ADD per hit, removed by TTL a window after they close. The counter's
 * key names who hit it by a keyed pseudonym (128 bits are plenty for a key that lives two windows).
 */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly pseudonyms: Pseudonyms,
  ) {}

  async hit(counter: string, who: string, limit: number, windowSeconds: number, now: Date): Promise<boolean> {
    const start = windowStart(windowSeconds, now);
    const key = `${counter}:${this.pseudonyms.of('rate', who.toLowerCase()).slice(0, 32)}`;
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.rateCounter(key, start),
        UpdateExpression: 'ADD hits :one SET kind = :kind, expiresAt = :expiresAt',
        ExpressionAttributeValues: {
          ':one': 1,
          ':kind': 'rate-counter',
          ':expiresAt': start + 2 * windowSeconds,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.hits ?? 0) <= limit;
  }
}
