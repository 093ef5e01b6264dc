/**
 * The sealed national identity number (crypto/national-id-envelope.ts), one item in the request's
 * partition (`REQUEST#<id>` / `NATIONAL-ID`): the request's other readers never see it, and the request's
 * expiry (`expireAfter`) covers it as the partition's last backstop.
 */
import type { KMSClient } from '@aws-sdk/client-kms';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { NationalIdEraser, NationalIdVault } from '../../domain/eid/national-id-vault';
import * as z from '../../domain/zod';
import { openNationalId, sealNationalId } from '../crypto/national-id-envelope';
import { keys } from './keys';

const SealedItem = z.object({
  wrappedKey: z.string(),
  iv: z.string(),
  ciphertext: z.string(),
  tag: z.string(),
  keyArn: z.string(),
});

export class DynamoNationalIdEraser implements NationalIdEraser {
  constructor(
    protected readonly client: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async remove(requestId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.nationalId(requestId) }));
  }
}

export class DynamoNationalIds extends DynamoNationalIdEraser implements NationalIdVault {
  constructor(
    client: DynamoDBDocumentClient,
    tableName: string,
    private readonly kms: Pick<KMSClient, 'send'>,
    /** Needed to seal only: opening uses the key the item names. */
    private readonly keyArn = '',
    private readonly clock: () => Date = () => new Date(),
  ) {
    super(client, tableName);
  }

  async store(requestId: string, nationalId: string): Promise<void> {
    const sealed = await sealNationalId(this.kms, this.keyArn, requestId, nationalId);
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.nationalId(requestId),
          kind: 'national-id',
          ...sealed,
          createdAt: this.clock().toISOString(),
        },
      }),
    );
  }

  async reveal(requestId: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.nationalId(requestId), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : openNationalId(this.kms, requestId, SealedItem.parse(Item));
  }
}
