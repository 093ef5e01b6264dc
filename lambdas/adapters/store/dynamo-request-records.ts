/**
 * Sets the table's TTL (`expiresAt`, epoch seconds) on every item of a closed request: the request, its
 * tasks, findings, decisions, issued upload keys and audit trail. DynamoDB then deletes them within a day or
 * two of that moment. An item that already expires earlier keeps its own, earlier expiry.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RequestRecordsExpiry } from '../../domain/workflow/purge';
import { keys } from './keys';
import { queryAll } from './query-all';

export class DynamoRequestRecords implements RequestRecordsExpiry {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async expireAfter(requestId: string, at: Date): Promise<number> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.request(requestId).pk },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    });
    const epoch = Math.ceil(at.getTime() / 1000);
    let set = 0;
    for (const item of items) {
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: 'SET expiresAt = :at',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(expiresAt) OR expiresAt > :at)',
            ExpressionAttributeValues: { ':at': epoch },
          }),
        );
        set += 1;
      } catch (error) {
        // Gone meanwhile, or already expiring sooner: nothing to do for this item.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    return set;
  }
}
