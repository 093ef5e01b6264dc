import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDb } from '../../../local/emulators/dynamodb';
import type { RunningEmulator } from '../../../local/emulators/emulator';

const TABLE = 'Requests';

describe('Function: startDynamoDb', () => {
  let directory: string;
  let emulator: RunningEmulator | undefined;
  /** Emulators a test stops itself; stopped here too when the test fails first, so nothing keeps Jest up. */
  const started: RunningEmulator[] = [];
  const start = async (options: Parameters<typeof startDynamoDb>[0]) => {
    const running = await startDynamoDb(options);
    started.push(running);
    return running;
  };

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'personvern-dynamodb-'));
  });

  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
    await Promise.allSettled(started.splice(0).map((running) => running.stop()));
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
    try {
      await client.send(
        new CreateTableCommand({
          TableName: TABLE,
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      // dynalite reports a new table ACTIVE a tick later; a write before that is "not found".
      await waitUntilTableExists(
        { client, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.2 },
        { TableName: TABLE },
      );
      await client.send(
        new PutItemCommand({ TableName: TABLE, Item: { id: { S: 'r-1' }, state: { S: 'received' } } }),
      );
    } finally {
      client.destroy();
    }
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
    const first = await start({ directory, fresh: false, port: 0 });
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
    const first = await start({ directory, fresh: false, port: 0 });
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
