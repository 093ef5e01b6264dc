/**
 * The banner's records and their daily counts in the single table (domain/consent/record.ts, summary.ts):
 *
 * - `CONSENT#<sha256 of the consent id>` / `CHOICE#<record id>`: one item per choice, written once
 *   (conditional Put), removed by the TTL (`expiresAt`) or by the visitor's erasure;
 * - `CONSENT-COUNTS` / `DAY#<Oslo date>`: the day's counts, one attribute per count, each added to by one
 *   atomic UpdateItem ADD when a new record arrives, so the summary reads one item per day and never a record.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ConsentStore, StoredConsentRecord } from '../../domain/consent/record';
import { CONSENT_ACTIONS, type StoredDayCounts } from '../../domain/consent/summary';
import type { ConsentCountsStore } from '../../domain/consent/summary-view';
import * as z from '../../domain/zod';
import { parser } from '../store/item-parser';
import { CONSENT_COUNTS_PARTITION, CONSENT_DAY_PREFIX, CONSENT_RECORD_PREFIX, keys } from '../store/keys';
import { queryAll } from '../store/query-all';

const RecordItem = z.object({
  consentKey: z.string(),
  recordId: z.string(),
  choices: z.record(z.string(), z.boolean()),
  action: z.enum(CONSENT_ACTIONS),
  policyVersion: z.string(),
  bannerVersion: z.string(),
  decidedAt: z.string(),
  recordedAt: z.string(),
  expiresAt: z.number().check(z.int()),
}) satisfies z.ZodMiniType<StoredConsentRecord>;

const parseRecord = parser('consent-record', RecordItem);

/** The attributes of a day item that are not counts. */
const DAY_FIELDS = new Set(['pk', 'sk', 'kind', 'date', 'expiresAt']);

export class DynamoConsentStore implements ConsentStore, ConsentCountsStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(record: StoredConsentRecord): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.consentRecord(record.consentKey, record.recordId),
            kind: 'consent-record',
            ...record,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(consentKey: string, recordId: string): Promise<StoredConsentRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.consentRecord(consentKey, recordId),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : parseRecord(Item);
  }

  async claimCount(consentKey: string, recordId: string, at: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.consentRecord(consentKey, recordId),
          UpdateExpression: 'SET countedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(countedAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async addToDay(date: string, names: readonly string[], expiresAt: number): Promise<void> {
    const unique = [...new Set(names)];
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.consentDay(date),
        UpdateExpression: `ADD ${unique.map((_, i) => `#c${i} :one`).join(', ')} SET kind = :kind, #date = :date, expiresAt = :expiresAt`,
        ExpressionAttributeNames: {
          '#date': 'date',
          ...Object.fromEntries(unique.map((name, i) => [`#c${i}`, name])),
        },
        ExpressionAttributeValues: {
          ':one': 1,
          ':kind': 'consent-day',
          ':date': date,
          ':expiresAt': expiresAt,
        },
      }),
    );
  }

  async list(consentKey: string): Promise<StoredConsentRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `CONSENT#${consentKey}`, ':prefix': CONSENT_RECORD_PREFIX },
      ConsistentRead: true,
    });
    return items.map(parseRecord);
  }

  async erase(consentKey: string): Promise<number> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `CONSENT#${consentKey}`, ':prefix': CONSENT_RECORD_PREFIX },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    });
    // A visitor has a handful of records (one per choice): one DeleteItem each.
    for (const item of items) {
      await this.client.send(
        new DeleteCommand({ TableName: this.tableName, Key: { pk: item.pk, sk: item.sk } }),
      );
    }
    return items.length;
  }

  async days(from: string, to: string): Promise<StoredDayCounts[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': CONSENT_COUNTS_PARTITION,
        ':from': `${CONSENT_DAY_PREFIX}${from}`,
        ':to': `${CONSENT_DAY_PREFIX}${to}`,
      },
    });
    return items.map((item) => ({
      date: String(item.sk).slice(CONSENT_DAY_PREFIX.length),
      counts: Object.fromEntries(
        Object.entries(item)
          .filter(([name, value]) => !DAY_FIELDS.has(name) && typeof value === 'number')
          .map(([name, value]) => [name, value as number]),
      ),
    }));
  }
}
