import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { RunningEmulator } from '../../../local/emulators/emulator';
import { startS3 } from '../../../local/emulators/s3';

const BUCKET = 'personvern-exports';

describe('Function: startS3', () => {
  let directory: string;
  let emulator: RunningEmulator | undefined;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'personvern-s3-'));
  });

  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
    await rm(directory, { recursive: true, force: true });
  });

  const clientFor = (endpoint: string) =>
    new S3Client({
      endpoint,
      region: 'eu-north-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });

  async function putExport(endpoint: string): Promise<void> {
    const client = clientFor(endpoint);
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'r-1/export.json', Body: '{"requestId":"r-1"}' }),
    );
    client.destroy();
  }

  async function readExport(endpoint: string): Promise<string | undefined> {
    const client = clientFor(endpoint);
    const { Body } = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'r-1/export.json' }));
    const text = await Body?.transformToString();
    client.destroy();
    return text;
  }

  it('creates the configured buckets and stores objects in them', async () => {
    // Prepare
    emulator = await startS3({ directory, fresh: false, port: 0, buckets: [BUCKET] });

    // Act
    await putExport(emulator.endpoint);

    // Assess
    expect(await readExport(emulator.endpoint)).toBe('{"requestId":"r-1"}');
  });

  it('keeps objects across a restart with the same directory', async () => {
    // Prepare
    const first = await startS3({ directory, fresh: false, port: 0, buckets: [BUCKET] });
    await putExport(first.endpoint);
    await first.stop();

    // Act
    emulator = await startS3({ directory, fresh: false, port: 0, buckets: [BUCKET] });

    // Assess
    expect(await readExport(emulator.endpoint)).toBe('{"requestId":"r-1"}');
  });

  it('starts without buckets or objects when fresh is set', async () => {
    // Prepare
    const first = await startS3({ directory, fresh: false, port: 0, buckets: [BUCKET] });
    await putExport(first.endpoint);
    await first.stop();

    // Act
    emulator = await startS3({ directory, fresh: true, port: 0, buckets: [] });
    const client = clientFor(emulator.endpoint);
    const { Buckets } = await client.send(new ListBucketsCommand({}));
    client.destroy();

    // Assess
    expect(Buckets ?? []).toEqual([]);
  });
});
