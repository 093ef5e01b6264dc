import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDb } from '../../../local/emulators/dynamodb';
import type { RunningEmulator } from '../../../local/emulators/emulator';

const TABLE = 'Requests';

describe('Function: startDynamoDb', () => {
  let directory: string;
  let emulator: RunningEmulator | undefined;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'personvern-dynamodb-'));
  });

  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
    await rm(directory, { recursive: true, force: true });
  });

  const clientFor = (endpoint: string) =>
    new DynamoDBClient({
      endpoint,
      region: 'eu-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });

  async function createTableWithItem(endpoint: string): Promise<void> {
    const client = clientFor(endpoint);
    await client.send(
      new CreateTableCommand({
        TableName: TABLE,
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await client.send(
      new PutItemCommand({ TableName: TABLE, Item: { id: { S: 'r-1' }, state: { S: 'received' } } }),
    );
    client.destroy();
  }

  it('stores and returns an item through the real DynamoDB client', async () => {
    // Prepare
    emulator = await startDynamoDb({ directory, fresh: false, port: 0 });
    await createTableWithItem(emulator.endpoint);
    const client = clientFor(emulator.endpoint);

    // Act
    const { Item } = await client.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: 'r-1' } } }));
    client.destroy();

    // Assess
    expect(Item).toEqual({ id: { S: 'r-1' }, state: { S: 'received' } });
  });

  it('keeps tables and items across a restart with the same directory', async () => {
    // Prepare
    const first = await startDynamoDb({ directory, fresh: false, port: 0 });
    await createTableWithItem(first.endpoint);
    await first.stop();

    // Act
    emulator = await startDynamoDb({ directory, fresh: false, port: 0 });
    const client = clientFor(emulator.endpoint);
    const { Item } = await client.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: 'r-1' } } }));
    client.destroy();

    // Assess
    expect(Item?.state).toEqual({ S: 'received' });
  });

  it('starts empty when fresh is set', async () => {
    // Prepare
    const first = await startDynamoDb({ directory, fresh: false, port: 0 });
    await createTableWithItem(first.endpoint);
    await first.stop();

    // Act
    emulator = await startDynamoDb({ directory, fresh: true, port: 0 });
    const client = clientFor(emulator.endpoint);
    const { TableNames } = await client.send(new ListTablesCommand({}));
    client.destroy();

    // Assess
    expect(TableNames).toEqual([]);
  });
});
