/**
 * The requester's export link against the local S3: a URL that downloads the ZIP under its file name when
 * the export is there, undefined when S3 says it is not, and any other refusal passed on as a fault.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { exportDownloadUrl } from '../../../lambdas/adapters/s3/export-download-url';
import { presigningS3Client } from '../../../lambdas/adapters/s3/presign';
import type { RunningEmulator } from '../../../local/emulators/emulator';
import { startS3 } from '../../../local/emulators/s3';

const BUCKET = 'personvern-exports';
const ZIP = Buffer.from('PK zip bytes');

describe('Function: exportDownloadUrl', () => {
  let directory: string;
  let emulator: RunningEmulator;
  const saved = { ...process.env };

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'personvern-export-url-'));
    emulator = await startS3({ directory, fresh: true, port: 0, buckets: [BUCKET] });
    Object.assign(process.env, {
      AWS_REGION: 'eu-north-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_S3: emulator.endpoint,
    });
  });

  afterAll(async () => {
    process.env = saved;
    await emulator.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it('links to the request’s export, downloaded as sterk-<id>.zip', async () => {
    // Prepare
    const client = presigningS3Client();
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'requests/r-0001/export.zip', Body: ZIP }));

    // Act
    const url = await exportDownloadUrl(client, BUCKET, 'sterk')('r-0001', 900);
    const got = await fetch(url ?? 'http://127.0.0.1:9');

    // Assess
    expect(new URL(url ?? '').searchParams.get('X-Amz-Expires')).toBe('900');
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toBe('attachment; filename="sterk-r-0001.zip"');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(ZIP);
    client.destroy();
  });

  it('answers undefined when S3 has no export for the request', async () => {
    // Prepare
    const client = presigningS3Client();

    // Act
    const url = await exportDownloadUrl(client, BUCKET, 'sterk')('r-never-answered', 900);

    // Assess
    expect(url).toBeUndefined();
    client.destroy();
  });

  it('passes any other refusal on, so a missing grant is a fault and not “gone”', async () => {
    // Prepare
    const client = presigningS3Client();
    const denied = new S3ServiceException({
      name: 'AccessDenied',
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
      message: 'Access Denied',
    });
    client.send = (() => Promise.reject(denied)) as typeof client.send;

    // Act
    const asked = exportDownloadUrl(client, BUCKET, 'sterk')('r-0001', 900);

    // Assess
    await expect(asked).rejects.toBe(denied);
    client.destroy();
  });
});
