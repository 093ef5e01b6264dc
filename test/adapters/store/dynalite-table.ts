/**
 * A real dynalite for the store tests: one emulator per test file, a fresh table per test. The table has
 * the single table's keys and its sparse OpenByDueDate index (lib/constructs/data-table.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { BY_SUBJECT_INDEX, OPEN_BY_DUE_DATE_INDEX } from '../../../lambdas/config/table-indexes';
import { startDynamoDb } from '../../../local/emulators/dynamodb';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'eu-north-1';

export interface TestDatabase {
  /** The emulator's address, for code under test that builds its own client (the CLI). */
  readonly endpoint: string;
  readonly documents: DynamoDBDocumentClient;
  /** Creates an empty table and returns its name. */
  newTable(): Promise<string>;
  /** The raw item under this key, with the attributes the adapter hides. */
  rawItem(table: string, key: Record<string, string>): Promise<Record<string, unknown> | undefined>;
  /** Every item in the table (the tests' tables are small: one page). */
  allItems(table: string): Promise<Record<string, unknown>[]>;
  /** The ids of the requests in the open-requests index for one controller. */
  openRequestIds(table: string, controllerId: string): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startTestDatabase(): Promise<TestDatabase> {
  const directory = await mkdtemp(join(tmpdir(), 'personvern-store-test-'));
  const emulator = await startDynamoDb({ directory, fresh: true, port: 0 });
  const client = new DynamoDBClient({
    endpoint: emulator.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const documents = DynamoDBDocumentClient.from(client);
  let tables = 0;

  return {
    endpoint: emulator.endpoint,
    documents,
    async newTable() {
      tables += 1;
      const name = `Personvern-${tables}`;
      await client.send(
        new CreateTableCommand({
          TableName: name,
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
            { AttributeName: 'openController', AttributeType: 'S' },
            { AttributeName: 'dueAt', AttributeType: 'S' },
            { AttributeName: 'subjectHash', AttributeType: 'S' },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: OPEN_BY_DUE_DATE_INDEX,
              KeySchema: [
                { AttributeName: 'openController', KeyType: 'HASH' },
                { AttributeName: 'dueAt', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
            {
              IndexName: BY_SUBJECT_INDEX,
              KeySchema: [
                { AttributeName: 'subjectHash', KeyType: 'HASH' },
                { AttributeName: 'sk', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      // dynalite answers "not found" until the table (created with createTableMs 0) turns ACTIVE.
      for (;;) {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
        const indexes = Table?.GlobalSecondaryIndexes ?? [];
        if (Table?.TableStatus === 'ACTIVE' && indexes.every((index) => index.IndexStatus === 'ACTIVE')) {
          return name;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async rawItem(table, key) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: table, Key: key, ConsistentRead: true }),
      );
      return Item;
    },
    async allItems(table) {
      const { Items = [] } = await documents.send(
        new ScanCommand({ TableName: table, ConsistentRead: true }),
      );
      return Items;
    },
    async openRequestIds(table, controllerId) {
      const { Items = [] } = await documents.send(
        new QueryCommand({
          TableName: table,
          IndexName: OPEN_BY_DUE_DATE_INDEX,
          KeyConditionExpression: 'openController = :controller',
          ExpressionAttributeValues: { ':controller': controllerId },
        }),
      );
      return Items.map((item) => String(item.id));
    },
    async stop() {
      client.destroy();
      await emulator.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * One dynalite for the enclosing describe block and a new, empty table before each test: `ready` runs in
 * each test's beforeEach once the table exists, to keep it and build what the test uses on it.
 */
export function useTestTables(ready: (database: TestDatabase, table: string) => void | Promise<void>): void {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await startTestDatabase();
  });
  afterAll(async () => {
    await database?.stop();
  });
  beforeEach(async () => {
    if (database === undefined) throw new Error('dynalite did not start (see beforeAll)');
    await ready(database, await database.newTable());
  });
}
