import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { startEmulators } from '../../../local/emulators';
import { startDynamoDb } from '../../../local/emulators/dynamodb';
import { PortInUseError } from '../../../local/emulators/ports';

const ANY_FREE_PORT = { dynamodb: 0, ses: 0, s3: 0, stepfunctions: 0 };

function occupyPort(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function closePort(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

const portOf = (endpoint: string) => Number(new URL(endpoint).port);

describe('Function: startEmulators', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'personvern-emulators-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts every emulator on loopback and frees every port on stop', async () => {
    // Prepare
    const emulators = await startEmulators({
      dataDir,
      fresh: true,
      ports: ANY_FREE_PORT,
      buckets: ['exports'],
    });
    const endpoints = Object.values(emulators.endpoints);
    const answers = await Promise.all(endpoints.map(async (endpoint) => (await fetch(endpoint)).status));

    // Act
    await emulators.stop();
    const reopened = await Promise.all(
      endpoints.map(
        (endpoint) =>
          new Promise<Server>((resolve, reject) => {
            const server = createServer();
            server.once('error', reject);
            server.listen(portOf(endpoint), '127.0.0.1', () => resolve(server));
          }),
      ),
    );
    await Promise.all(reopened.map(closePort));

    // Assess
    expect(endpoints.every((endpoint) => endpoint.startsWith('http://127.0.0.1:'))).toBe(true);
    expect(answers.every((status) => status < 500)).toBe(true);
    expect(reopened).toHaveLength(4);
  });

  it('rejects with a PortInUseError naming the service and port', async () => {
    // Prepare
    const occupied = await occupyPort();
    const port = (occupied.address() as AddressInfo).port;

    // Act
    const starting = startEmulators({ dataDir, fresh: false, ports: { ...ANY_FREE_PORT, ses: port } });

    // Assess
    await expect(starting).rejects.toThrow(PortInUseError);
    await expect(starting).rejects.toThrow(
      new RegExp(`SES.*127\\.0\\.0\\.1:${port}.*already in use.*SES_PORT`),
    );
    await closePort(occupied);
  });

  it('stops the emulators that had already started when a later one cannot', async () => {
    // Prepare
    const occupied = await occupyPort();
    const port = (occupied.address() as AddressInfo).port;
    await startEmulators({ dataDir, fresh: false, ports: { ...ANY_FREE_PORT, s3: port } }).catch(
      () => undefined,
    );

    // Act
    // dynalite started before S3 failed; its LevelDB lock must have been released again.
    const dynamodb = await startDynamoDb({ directory: join(dataDir, 'dynamodb'), fresh: false, port: 0 });
    const client = new DynamoDBClient({
      endpoint: dynamodb.endpoint,
      region: 'eu-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const listing = client.send(new ListTablesCommand({}));

    // Assess
    await expect(listing).resolves.toMatchObject({ TableNames: [] });
    client.destroy();
    await dynamodb.stop();
    await closePort(occupied);
  });
});
