/**
 * The workflow's records in the single table, all in the request's partition except legal holds: the
 * request's stage and plan, findings per system, retention decisions, fulfilments, and extra status
 * tokens. Holds are their own items, found through the subject index.
 */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { BY_SUBJECT_INDEX } from '../../config/table-indexes';
import type { CategoryDecision } from '../../domain/workflow/legal-hold';
import type { RequestPlan } from '../../domain/workflow/plan';
import type {
  FindingStore,
  Fulfilment,
  FulfilmentStore,
  HoldStore,
  RequestProgressStore,
  RetentionStore,
  WorkflowStage,
} from '../../domain/workflow/ports';
import { parseFinding, parseFulfilment, parseLegalHold, parseRetention } from './item-schemas';
import { HOLD_PREFIX, isStorableId, keys, LEGAL_HOLDS_PARTITION } from './keys';
import { type Item, queryAll } from './query-all';

export class DynamoWorkflow {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  readonly progress: RequestProgressStore = {
    setPlan: (requestId: string, plan: RequestPlan, stage: WorkflowStage, at: string) =>
      this.update(
        keys.request(requestId),
        'SET #plan = :plan, stage = :stage, stageAt = :at REMOVE needsAttention',
        { ':plan': plan, ':stage': stage, ':at': at },
        { '#plan': 'plan' },
      ),
    setStage: (requestId, stage, at) =>
      this.update(keys.request(requestId), 'SET stage = :stage, stageAt = :at REMOVE needsAttention', {
        ':stage': stage,
        ':at': at,
      }),
    flagAttention: (requestId, stage, at) =>
      this.update(keys.request(requestId), 'SET needsAttention = :stage, stageAt = :at', {
        ':stage': stage,
        ':at': at,
      }),
    // Leaving the open-requests index ends the deadline reminders.
    finish: (requestId, outcome, at) =>
      this.update(
        keys.request(requestId),
        'SET #status = :outcome, stage = :outcome, completedAt = :at REMOVE openController, needsAttention',
        { ':outcome': outcome, ':at': at },
        { '#status': 'status' },
      ),
  };

  readonly findings: FindingStore = {
    put: (requestId, finding) =>
      this.putItem({ ...keys.finding(requestId, finding.systemId), kind: 'finding', ...finding }),
    remove: async (requestId, systemId) => {
      await this.client.send(
        new DeleteCommand({ TableName: this.tableName, Key: keys.finding(requestId, systemId) }),
      );
    },
    list: async (requestId) =>
      (await this.inPartition(requestId, 'FINDING#')).map((item) => parseFinding(strip(item))),
  };

  readonly fulfilments: FulfilmentStore = {
    put: (requestId, fulfilment: Fulfilment) =>
      this.putItem({
        pk: keys.request(requestId).pk,
        sk: `FULFIL#${fulfilment.systemId}`,
        kind: 'fulfilment',
        ...fulfilment,
      }),
    list: async (requestId) =>
      (await this.inPartition(requestId, 'FULFIL#')).map((item) => parseFulfilment(strip(item))),
  };

  readonly retention: RetentionStore = {
    put: (requestId, decisions: readonly CategoryDecision[]) =>
      this.putItem({ ...keys.retention(requestId), kind: 'retention', decisions }),
    get: async (requestId) => {
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: keys.retention(requestId), ConsistentRead: true }),
      );
      return Item === undefined ? undefined : parseRetention(Item).decisions;
    },
  };

  /** Status tokens minted after intake (the link in the final email). */
  readonly tokens = {
    add: (requestId: string, tokenHash: string) =>
      this.update(keys.request(requestId), 'SET statusTokenHashes = list_append(statusTokenHashes, :h)', {
        ':h': [tokenHash],
      }),
  };

  readonly holds: HoldStore = {
    listForSubject: async (subjectHash) => {
      const items = await queryAll(this.client, {
        TableName: this.tableName,
        IndexName: BY_SUBJECT_INDEX,
        KeyConditionExpression: 'subjectHash = :s AND begins_with(sk, :hold)',
        ExpressionAttributeValues: { ':s': subjectHash, ':hold': 'HOLD' },
      });
      return items.map((item) => parseLegalHold(strip(item)));
    },
    place: async (hold) => {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.legalHold(hold.id), kind: 'legal-hold', ...hold },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },
    lift: async (holdId, at, by) => {
      if (!isStorableId(holdId)) return false;
      try {
        await this.update(
          keys.legalHold(holdId),
          'SET liftedAt = :at, liftedBy = :by',
          { ':at': at, ':by': by },
          undefined,
          'attribute_exists(pk) AND attribute_not_exists(liftedAt)',
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    get: async (holdId) => {
      if (!isStorableId(holdId)) return undefined;
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: keys.legalHold(holdId), ConsistentRead: true }),
      );
      return Item === undefined ? undefined : parseLegalHold(strip(Item));
    },
    list: async () => {
      const items = await queryAll(this.client, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :hold)',
        ExpressionAttributeValues: { ':pk': LEGAL_HOLDS_PARTITION, ':hold': HOLD_PREFIX },
      });
      return items
        .map((item) => parseLegalHold(strip(item)))
        .sort((a, b) => b.placedAt.localeCompare(a.placedAt));
    },
  };

  private async putItem(item: Item): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  private inPartition(requestId: string, prefix: string): Promise<Item[]> {
    return queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.request(requestId).pk, ':prefix': prefix },
      ConsistentRead: true,
    });
  }

  private async update(
    key: { pk: string; sk: string },
    expression: string,
    values: Item,
    names?: Record<string, string>,
    condition = 'attribute_exists(pk)',
  ): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: expression,
        ConditionExpression: condition,
        ExpressionAttributeValues: values,
        ...(names === undefined ? {} : { ExpressionAttributeNames: names }),
      }),
    );
  }
}

function strip(item: Item): Item {
  const { pk: _pk, sk: _sk, kind: _kind, ...rest } = item;
  return rest;
}
