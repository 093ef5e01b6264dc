/**
 * Deadlines in the single table: the extension of one request (one conditional UpdateItem), the daily
 * sweep's read of the sparse OpenByDueDate index, and the record of digests sent.
 *
 * The sweep Queries one controller's partition of the index up to a `dueAt` bound and projects only the
 * attributes a digest shows, so no requester data is read at all. It never scans: closed requests have
 * no `openController`, so they are not in the index, and open ones due later sort after the bound.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { OPEN_BY_DUE_DATE_INDEX } from '../../config/table-indexes';
import type { OpenRequestRow } from '../../domain/reminders/digest';
import type {
  DigestClaim,
  DigestKey,
  DigestLog,
  OpenRequestIndex,
} from '../../domain/reminders/send-digests';
import type { DeadlineExtensionStore, Extension } from '../../domain/staff/extend-deadline';
import { keys } from './keys';
import { parseOpenRequestRow } from './request-item-schemas';

const DIGEST_RECORD_DAYS = 35;
const SWEEP_ATTRIBUTES = ['id', 'type', 'receivedAt', 'dueDate', 'stage', 'needsAttention', 'extendedAt'];

/** One sent digest: `DIGEST#<controller>#<Oslo date>#<recipient>`; TTL removes it after five weeks. */
export function digestKey(key: DigestKey) {
  return { pk: `DIGEST#${key.controllerId}#${key.date}#${key.recipient}`, sk: 'DIGEST' };
}

export class DynamoDeadlines implements DeadlineExtensionStore, OpenRequestIndex, DigestLog {
  /** Items the sweep's Queries have read (DynamoDB's ScannedCount), for tests and the run's log line. */
  itemsRead = 0;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async extend(requestId: string, extension: Extension): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.request(requestId),
          // `openController` stays: the index now sorts the request by its new dueAt.
          UpdateExpression:
            'SET dueDate = :due, dueAt = :dueAt, originalDueDate = :original, extendedAt = :at, extendedBy = :by, extensionReason = :reason',
          ConditionExpression:
            'attribute_not_exists(extendedAt) AND attribute_exists(openController) AND dueDate = :original',
          ExpressionAttributeValues: {
            ':due': extension.dueDate,
            ':dueAt': extension.dueAt,
            ':original': extension.originalDueDate,
            ':at': extension.extendedAt,
            ':by': extension.extendedBy,
            ':reason': extension.extensionReason,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async markExtensionNoticeSent(requestId: string, at: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.request(requestId),
        UpdateExpression: 'SET extensionNoticeSentAt = :at',
        ConditionExpression: 'attribute_exists(extendedAt)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async openDueBy(controllerId: string, upTo: string): Promise<OpenRequestRow[]> {
    const names = Object.fromEntries(SWEEP_ATTRIBUTES.map((name, i) => [`#a${i}`, name]));
    const rows: OpenRequestRow[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: OPEN_BY_DUE_DATE_INDEX,
          KeyConditionExpression: 'openController = :controller AND dueAt <= :upTo',
          ExpressionAttributeValues: { ':controller': controllerId, ':upTo': upTo },
          ProjectionExpression: Object.keys(names).join(', '),
          ExpressionAttributeNames: names,
          ExclusiveStartKey,
        }),
      );
      this.itemsRead += page.ScannedCount ?? page.Items?.length ?? 0;
      rows.push(...(page.Items ?? []).map(parseOpenRequestRow));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey !== undefined);
    return rows;
  }

  async claim(key: DigestKey, at: string, until: string): Promise<DigestClaim> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: digestKey(key),
          UpdateExpression: 'SET kind = :kind, claimedUntil = :until, expiresAt = :expiresAt',
          // Not sent, and nobody's claim still running (an ISO instant compares as a string).
          ConditionExpression:
            'attribute_not_exists(sentAt) AND (attribute_not_exists(claimedUntil) OR claimedUntil < :at)',
          ExpressionAttributeValues: {
            ':kind': 'digest-claimed',
            ':until': until,
            ':at': at,
            ':expiresAt': Math.floor(Date.parse(at) / 1000) + DIGEST_RECORD_DAYS * 86_400,
          },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: digestKey(key), ConsistentRead: true }),
      );
      return Item?.sentAt === undefined ? 'busy' : 'sent';
    }
  }

  async release(key: DigestKey): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: digestKey(key),
          UpdateExpression: 'REMOVE claimedUntil',
          ConditionExpression: 'attribute_exists(claimedUntil) AND attribute_not_exists(sentAt)',
        }),
      );
    } catch (error) {
      // Already sent, or no claim: nothing to give up.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async markSent(key: DigestKey, at: string): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...digestKey(key),
          kind: 'digest-sent',
          ...key,
          sentAt: at,
          expiresAt: Math.floor(Date.parse(at) / 1000) + DIGEST_RECORD_DAYS * 86_400,
        },
      }),
    );
  }
}
