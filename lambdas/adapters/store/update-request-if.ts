import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys';

/**
 * One conditional UpdateItem on a request's item; false when the condition does not hold (another
 * caller changed the item first). `#status` in either expression names the reserved word `status`.
 */
export async function updateRequestIf(
  client: DynamoDBDocumentClient,
  tableName: string,
  requestId: string,
  update: string,
  condition: string,
  values: Record<string, unknown>,
): Promise<boolean> {
  const needsStatus = update.includes('#status') || condition.includes('#status');
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.request(requestId),
        UpdateExpression: update,
        ConditionExpression: condition,
        ...(needsStatus ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
