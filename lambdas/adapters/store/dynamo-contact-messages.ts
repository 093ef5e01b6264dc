import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors';
import type { ContactMessageRecord, ContactMessageStore } from '../../domain/intake/contact';
import { keys } from './keys';

export class DynamoContactMessages implements ContactMessageStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(message: ContactMessageRecord): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.contactMessage(message.id), kind: 'contact-message', ...message },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConflictError(`Contact message ${message.id} already exists`, { cause: error });
      }
      throw error;
    }
  }

  async get(id: string): Promise<ContactMessageRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.contactMessage(id) }),
    );
    if (Item === undefined) return undefined;
    const { pk: _pk, sk: _sk, kind: _kind, ...message } = Item;
    return message as ContactMessageRecord;
  }
}
