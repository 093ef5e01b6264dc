/**
 * Change notices in the single table:
 *
 * - a delivery per version and person: `NOTICE#<version>` / `TO#<recipient key>`, holding the address, the
 *   language, the status, the attempts and the hashes of the unsubscribe tokens sent (never the tokens);
 * - the consents to change notices: `NOTICE-SUBSCRIBERS` / `<recipient key>` (one partition: a clinic has
 *   thousands of them, not millions), with the policy version each was given under, and its withdrawal;
 * - the notice suppression list: `SUPPRESSION#<recipient key>` / `NOTICES`, with the reason (`unsubscribed`
 *   by the link in a notice, or an SES `bounce` or `complaint`), beside the direct-marketing suppression of
 *   the same person (`SUPPRESSION`), which it neither replaces nor implies: a change notice is not marketing.
 *
 * The recipient key is the subject hash of the address (domain/subject.ts), so these items line up with
 * everything else about the same person.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Delivery, DeliveryStatus } from '../../domain/notices/delivery';
import type { NoticeRecipient } from '../../domain/notices/recipients';
import type { DeliveryKey, DeliveryStore } from '../../domain/notices/send';
import type { NewDelivery, NoticeStore } from '../../domain/notices/start';
import type { Language } from '../../domain/policy/language';
import { queryAll } from '../store/query-all';

type Item = Record<string, unknown>;

export const noticeKeys = {
  delivery: (version: string, to: string) => ({ pk: `NOTICE#${version}`, sk: `TO#${to}` }),
  subscriber: (to: string) => ({ pk: 'NOTICE-SUBSCRIBERS', sk: to }),
  /** The notice suppression list: one item per person, whatever the reason (unsubscribed, bounce, complaint). */
  suppression: (to: string) => ({ pk: `SUPPRESSION#${to}`, sk: 'NOTICES' }),
};

/** A consent to change notices, as the forms record it. */
export interface NoticeConsent {
  readonly email: string;
  readonly lang: Language;
  /** The policy version in effect when the consent was given. */
  readonly policyVersion: string;
  readonly givenAt: string;
  /** Where it was given: `contact:<id>` or `request:<id>`. */
  readonly givenVia: string;
}

export class DynamoNotices implements NoticeStore, DeliveryStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  // --- consents -------------------------------------------------------------------------------------------

  /** Records a consent (a newer one replaces an older one of the same person, and clears its withdrawal). */
  async recordConsent(to: string, consent: NoticeConsent): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...noticeKeys.subscriber(to), kind: 'notice-consent', subjectHash: to, ...consent },
      }),
    );
  }

  /** Records the withdrawal against the consent; false when there was no consent to withdraw. */
  async withdrawConsent(to: string, at: string, via: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: noticeKeys.subscriber(to),
          UpdateExpression: 'SET withdrawnAt = :at, withdrawnVia = :via',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(withdrawnAt)',
          ExpressionAttributeValues: { ':at': at, ':via': via },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async subscribers(): Promise<NoticeRecipient[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': noticeKeys.subscriber('').pk },
    });
    return items
      .filter((item) => item.withdrawnAt === undefined)
      .map((item) => ({
        email: String(item.email),
        lang: item.lang === 'en' ? 'en' : 'nb',
        source: 'consent',
      }));
  }

  // --- opt-outs and suppressions ----------------------------------------------------------------------------

  /** The unsubscribe link was used: no more notices to this person. */
  async recordOptOut(to: string, version: string, at: string): Promise<void> {
    await this.suppress(to, 'unsubscribed', at, { version });
  }

  /** A bounce or complaint from SES: that address is not emailed notices again. */
  async recordEmailSuppression(to: string, reason: 'bounce' | 'complaint', at: string): Promise<void> {
    await this.suppress(to, reason, at);
  }

  private async suppress(
    to: string,
    reason: string,
    at: string,
    extra: Record<string, string> = {},
  ): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...noticeKeys.suppression(to),
          kind: 'notice-suppression',
          subjectHash: to,
          reason,
          since: at,
          ...extra,
        },
      }),
    );
  }

  async blocked(keys: readonly string[]): Promise<Set<string>> {
    const found = await this.batchGet(keys.map((to) => noticeKeys.suppression(to)));
    return new Set(found.map((item) => String(item.subjectHash)));
  }

  // --- deliveries -------------------------------------------------------------------------------------------

  async deliveryStatuses(version: string): Promise<Map<string, DeliveryStatus>> {
    const items = await this.statusItems(version);
    return new Map(items.map((item) => [String(item.to), item.status as DeliveryStatus]));
  }

  /** BatchWriteItem in chunks of 25, eight at a time, retrying what DynamoDB leaves unprocessed. */
  async createDeliveries(deliveries: readonly NewDelivery[]): Promise<void> {
    const chunks: NewDelivery[][] = [];
    for (let start = 0; start < deliveries.length; start += 25)
      chunks.push(deliveries.slice(start, start + 25));
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++] as NewDelivery[];
        let pending: Record<string, unknown>[] | undefined = chunk.map((delivery) => ({
          PutRequest: {
            Item: {
              ...noticeKeys.delivery(delivery.version, delivery.to),
              kind: 'notice-delivery',
              // Found by the subject index like everything else about the person (access and erasure).
              subjectHash: delivery.to,
              attempts: 0,
              ...delivery,
            },
          },
        }));
        for (let attempt = 0; pending !== undefined && pending.length > 0; attempt++) {
          if (attempt >= 8) throw new Error('DynamoDB left writes unprocessed');
          if (attempt > 0)
            await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * Math.random()));
          const result: { UnprocessedItems?: Record<string, Record<string, unknown>[]> } =
            await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
          pending = result.UnprocessedItems?.[this.tableName];
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, chunks.length) }, worker));
  }

  async lockRun(version: string, owner: string, now: string, until: string): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `NOTICE#${version}`, sk: 'RUN', kind: 'notice-run-lock', owner, until },
          ConditionExpression: 'attribute_not_exists(pk) OR #until < :now',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async unlockRun(version: string, owner: string): Promise<void> {
    await this.client
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: `NOTICE#${version}`, sk: 'RUN' },
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      )
      .catch((error: unknown) => {
        // Someone else's lease by now (ours ran out): theirs to release.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  /** Every delivery's status (for progress), read with the status and key only. */
  async statuses(version: string): Promise<{ to: string; status: DeliveryStatus; reason?: string }[]> {
    const items = await this.statusItems(version);
    return items.map((item) => ({
      to: String(item.to),
      status: item.status as DeliveryStatus,
      ...(typeof item.lastError === 'string' ? { reason: item.lastError } : {}),
    }));
  }

  async load(keys: readonly DeliveryKey[]): Promise<{ deliveries: Delivery[]; blocked: Set<string> }> {
    const items = await this.batchGet([
      ...keys.map((key) => noticeKeys.delivery(key.version, key.to)),
      ...keys.map((key) => noticeKeys.suppression(key.to)),
    ]);
    return {
      deliveries: items.filter((item) => item.kind === 'notice-delivery').map(toDelivery),
      blocked: new Set(
        items.filter((item) => item.kind !== 'notice-delivery').map((item) => String(item.subjectHash)),
      ),
    };
  }

  async claim(
    key: DeliveryKey,
    messageId: string,
    now: string,
    until: string,
    tokenHash: string,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: noticeKeys.delivery(key.version, key.to),
          UpdateExpression:
            'SET #status = :sending, claimedBy = :message, claimUntil = :until, attempts = attempts + :one, ' +
            'tokenHashes = list_append(if_not_exists(tokenHashes, :none), :token)',
          ConditionExpression:
            'attribute_exists(pk) AND #status IN (:queued, :retrying, :sending) AND ' +
            '(attribute_not_exists(claimUntil) OR claimUntil < :now OR claimedBy = :message)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':queued': 'queued',
            ':retrying': 'retrying',
            ':message': messageId,
            ':until': until,
            ':now': now,
            ':one': 1,
            ':none': [],
            ':token': [tokenHash],
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async markSent(key: DeliveryKey, messageId: string, at: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: noticeKeys.delivery(key.version, key.to),
        UpdateExpression: 'SET #status = :sent, sentAt = :at, sentBy = :message REMOVE claimUntil, lastError',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':at': at, ':message': messageId },
      }),
    );
  }

  async markSuppressed(key: DeliveryKey, at: string): Promise<void> {
    await this.setStatus(key, 'suppressed', at);
  }

  async markFailure(
    key: DeliveryKey,
    status: 'retrying' | 'failed' | 'rejected',
    reason: string,
    at: string,
  ): Promise<void> {
    await this.setStatus(key, status, at, reason);
  }

  /**
   * Staff replay a dead-lettered delivery: a `failed` one goes back to `queued`. True also when it is still
   * pending (an earlier replay moved it but did not finish), so its letter is sent again rather than lost;
   * false when it is final otherwise (sent, suppressed, rejected) and its letter can go.
   */
  async requeueForReplay(key: DeliveryKey, at: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: noticeKeys.delivery(key.version, key.to),
          UpdateExpression: 'SET #status = :queued, replayedAt = :at REMOVE claimUntil',
          ConditionExpression: '#status = :failed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':queued': 'queued', ':failed': 'failed', ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const [item] = await this.batchGet([noticeKeys.delivery(key.version, key.to)]);
    return item !== undefined && ['queued', 'sending', 'retrying'].includes(String(item.status));
  }

  /** Whether this token was sent to this person for this version (only its hash is kept). */
  async tokenMatches(key: DeliveryKey, tokenHash: string): Promise<boolean> {
    const [item] = await this.batchGet([noticeKeys.delivery(key.version, key.to)]);
    return Array.isArray(item?.tokenHashes) && item.tokenHashes.includes(tokenHash);
  }

  private async setStatus(
    key: DeliveryKey,
    status: DeliveryStatus,
    at: string,
    reason?: string,
  ): Promise<void> {
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: noticeKeys.delivery(key.version, key.to),
          UpdateExpression: `SET #status = :status, updatedAt = :at${reason === undefined ? '' : ', lastError = :reason'} REMOVE claimUntil`,
          // Never over a sent delivery: a late failure report must not undo a success.
          ConditionExpression: 'attribute_exists(pk) AND #status <> :sent',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': status,
            ':at': at,
            ':sent': 'sent',
            ...(reason === undefined ? {} : { ':reason': reason }),
          },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  private statusItems(version: string): Promise<Item[]> {
    return queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :to)',
      ExpressionAttributeValues: { ':pk': `NOTICE#${version}`, ':to': 'TO#' },
      ProjectionExpression: '#to, #status, lastError',
      ExpressionAttributeNames: { '#to': 'to', '#status': 'status' },
    });
  }

  /** BatchGetItem in chunks of 100, retrying what DynamoDB leaves unprocessed. */
  private async batchGet(keys: readonly { pk: string; sk: string }[]): Promise<Item[]> {
    const items: Item[] = [];
    for (let start = 0; start < keys.length; start += 100) {
      let pending: Record<string, unknown>[] | undefined = keys.slice(start, start + 100);
      for (let attempt = 0; pending !== undefined && pending.length > 0; attempt++) {
        if (attempt >= 8) throw new Error('DynamoDB left reads unprocessed');
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * Math.random()));
        const result: {
          Responses?: Record<string, Item[]>;
          UnprocessedKeys?: Record<string, { Keys?: Record<string, unknown>[] }>;
        } = await this.client.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
          }),
        );
        items.push(...(result.Responses?.[this.tableName] ?? []));
        pending = result.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return items;
  }
}

function toDelivery(item: Item): Delivery {
  return {
    version: String(item.version),
    to: String(item.to),
    email: String(item.email),
    lang: item.lang === 'en' ? 'en' : 'nb',
    source: item.source === 'consent' ? 'consent' : 'list',
    status: item.status as DeliveryStatus,
    attempts: Number(item.attempts ?? 0),
    ...(typeof item.claimedBy === 'string' ? { claimedBy: item.claimedBy } : {}),
    ...(typeof item.claimUntil === 'string' ? { claimUntil: item.claimUntil } : {}),
  };
}
