/**
 * A real dynalite for the audit trail's tests: one emulator per test file, a fresh table (pk/sk strings,
 * like the single table) per test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startDynamoDb } from '../../local/emulators/dynamodb';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'eu-north-1';

export interface AuditTestDatabase {
  readonly endpoint: string;
  readonly documents: DynamoDBDocumentClient;
  /** Creates an empty table and returns its name. */
  newTable(): Promise<string>;
  stop(): Promise<void>;
}

export async function startAuditTestDatabase(): Promise<AuditTestDatabase> {
  const directory = await mkdtemp(join(tmpdir(), 'personvern-audit-test-'));
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
      const name = `Audit-${tables}`;
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
          ],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      for (;;) {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
        if (Table?.TableStatus === 'ACTIVE') return name;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async stop() {
      client.destroy();
      await emulator.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
