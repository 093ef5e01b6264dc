/**
 * Contact messages for staff: listed per company through the MessagesByController index (newest first),
 * read by id, and marked handled with one conditional update, so a message is handled once.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { MESSAGES_BY_CONTROLLER_INDEX } from '../../config/table-indexes';
import type { Handling, StaffMessage, StaffMessageStore } from '../../domain/staff/messages';
import { isStorableId, keys } from './keys';
import { parseContactMessage } from './request-item-schemas';

type Item = Record<string, unknown>;

/** Stored alongside the message but never shown to staff. */
const HIDDEN_FIELDS = [
  'pk',
  'sk',
  'kind',
  'subjectHash',
  'messageController',
  'confirmationSentAt',
  'notificationSentAt',
];

export class DynamoStaffMessages implements StaffMessageStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The newest messages of each company, at most `limit` each, merged newest first. */
  async list(controllerIds: readonly string[], limit = 200): Promise<StaffMessage[]> {
    const pages = await Promise.all(
      controllerIds.map(async (controllerId) => {
        const { Items } = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: MESSAGES_BY_CONTROLLER_INDEX,
            KeyConditionExpression: 'messageController = :c',
            ExpressionAttributeValues: { ':c': controllerId },
            ScanIndexForward: false,
            Limit: limit,
          }),
        );
        return (Items ?? []).filter((item) => item.kind === 'contact-message').map(toMessage);
      }),
    );
    return pages.flat().sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  }

  async get(id: string): Promise<StaffMessage | undefined> {
    if (!isStorableId(id)) return undefined;
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.contactMessage(id), ConsistentRead: true }),
    );
    return Item?.kind === 'contact-message' ? toMessage(Item) : undefined;
  }

  async markHandled(id: string, handling: Handling): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.contactMessage(id),
          UpdateExpression: 'SET #status = :handled, handledAt = :at, handledBy = :by, handledNote = :note',
          ConditionExpression: 'attribute_exists(pk) AND #status <> :handled',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':handled': 'handled',
            ':at': handling.handledAt,
            ':by': handling.handledBy,
            ':note': handling.handledNote,
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

function toMessage(item: Item): StaffMessage {
  const rest: Item = { ...item };
  for (const field of HIDDEN_FIELDS) delete rest[field];
  return parseContactMessage(rest);
}
