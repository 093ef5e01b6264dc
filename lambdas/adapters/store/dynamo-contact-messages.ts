import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors';
import type { ContactMessageRecord, ContactMessageStore } from '../../domain/intake/contact';
import type { ContactEmail, ContactMessageReader } from '../../domain/intake/contact-emails';
import type { Pseudonyms } from '../../domain/pseudonyms';
import { subjectHash } from '../../domain/subject';
import { keys } from './keys';
import { parseContactMessage } from './request-item-schemas';

export class DynamoContactMessages implements ContactMessageStore, ContactMessageReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly pseudonyms: Pseudonyms,
  ) {}

  async create(message: ContactMessageRecord): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.contactMessage(message.id),
            kind: 'contact-message',
            ...message,
            subjectHash: subjectHash(this.pseudonyms, message.sender.email),
            messageController: message.controllerId,
          },
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

  async get(id: string) {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.contactMessage(id), ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    const {
      pk: _pk,
      sk: _sk,
      kind: _kind,
      subjectHash: _subject,
      confirmationSentAt,
      notificationSentAt,
      ...message
    } = Item;
    // Staff may have handled the message by the time its emails go out; what they say does not change.
    const { status: _status, ...received } = parseContactMessage(message);
    return {
      ...received,
      emailsSent: { confirmation: confirmationSentAt, notification: notificationSentAt },
    };
  }

  async claimConfirmation(mailbox: string, messageId: string, until: Date, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.contactConfirmation(subjectHash(this.pseudonyms, mailbox)),
            kind: 'contact-confirmation-claim',
            messageId,
            // Epoch seconds: the table's TTL removes the claim once it ends.
            expiresAt: Math.ceil(until.getTime() / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR messageId = :id OR expiresAt <= :now',
          ExpressionAttributeValues: { ':id': messageId, ':now': Math.floor(now.getTime() / 1000) },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async markEmailSent(id: string, email: ContactEmail, at: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.contactMessage(id),
        UpdateExpression: 'SET #sentAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#sentAt': `${email}SentAt` },
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }
}
