/**
 * ID-porten sign-ins in progress (domain/eid/flow.ts), one item each. `expiresAt` is the table's TTL
 * attribute too, so abandoned flows go away on their own; TTL deletes late, so `consume` checks it as well.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EidFlow, EidFlowStore } from '../../domain/eid/flow';
import * as z from '../../domain/zod';
import { keys } from './keys';

const FlowItem = z.object({
  stateHash: z.string(),
  requestId: z.string(),
  browserKeyHash: z.string(),
  sealedStatusToken: z.string(),
  level: z.enum(['high', 'substantial']),
  lang: z.enum(['nb', 'en']),
  createdAt: z.string(),
  expiresAt: z.number().check(z.int()),
  usedAt: z.optional(z.string()),
}) satisfies z.ZodMiniType<EidFlow>;

export class DynamoEidFlows implements EidFlowStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(flow: EidFlow): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.eidFlow(flow.stateHash), kind: 'eid-flow', ...flow },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(stateHash: string): Promise<EidFlow | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.eidFlow(stateHash), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : FlowItem.parse(Item);
  }

  async consume(stateHash: string, browserKeyHash: string, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.eidFlow(stateHash),
          UpdateExpression: 'SET usedAt = :now',
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :epoch AND browserKeyHash = :browser',
          ExpressionAttributeValues: {
            ':now': now.toISOString(),
            ':epoch': Math.floor(now.getTime() / 1000),
            ':browser': browserKeyHash,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
