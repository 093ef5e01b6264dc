/**
 * Presigned URLs as a browser uses them: what is signed into them, and a PUT and a GET through them against
 * the local S3, which, like S3, refuses a body that does not match a checksum signed into the URL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { presignDownload, presigningS3Client, presignUpload } from '../../../lambdas/adapters/s3/presign';
import type { RunningEmulator } from '../../../local/emulators/emulator';
import { startS3 } from '../../../local/emulators/s3';

const BUCKET = 'personvern-exports';
const KMS_KEY = 'arn:aws:kms:eu-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const FILE = Buffer.from('Journalnotat 2025-03-01: kontroll av kne.\n', 'utf8');
const upload = {
  bucket: BUCKET,
  key: 'uploads/r-0001/pasientsky/0d6f-journal.txt',
  contentType: 'text/plain',
  size: FILE.length,
  kmsKeyArn: KMS_KEY,
  expiresInSeconds: 900,
};

function queryNames(url: string): string[] {
  return [...new URL(url).searchParams.keys()].map((name) => name.toLowerCase());
}

function signedHeaders(url: string): string[] {
  return (new URL(url).searchParams.get('X-Amz-SignedHeaders') ?? '').split(';');
}

describe('Presigned URLs', () => {
  let directory: string;
  let emulator: RunningEmulator;
  const saved = { ...process.env };

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'personvern-presign-'));
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

  describe('Function: presignUpload', () => {
    it('signs no checksum and no header the browser is not told to send', async () => {
      // Prepare
      const client = presigningS3Client();

      // Act
      const { url, headers } = await presignUpload(client, upload);

      // Assess
      expect(queryNames(url).filter((name) => name.startsWith('x-amz-checksum-'))).toEqual([]);
      expect(queryNames(url)).not.toContain('x-amz-sdk-checksum-algorithm');
      const sent = Object.keys(headers).map((name) => name.toLowerCase());
      expect(signedHeaders(url).sort()).toEqual(['host', ...sent].sort());
      client.destroy();
    });

    it('takes the file through the URL, sent as a browser sends it', async () => {
      // Prepare
      const client = presigningS3Client();
      const { url, headers } = await presignUpload(client, upload);
      // A browser sets Content-Length itself and refuses to be told.
      const { 'Content-Length': _length, ...browserHeaders } = headers;

      // Act
      const put = await fetch(url, { method: 'PUT', headers: browserHeaders, body: FILE });
      const stored = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: upload.key }));

      // Assess
      expect(put.status).toBe(200);
      expect(Buffer.from((await stored.Body?.transformToByteArray()) ?? [])).toEqual(FILE);
      client.destroy();
    });

    it('is refused by the local S3, as by S3, when signed by a client with the SDK default checksums', async () => {
      // Prepare
      const defaults = new S3Client({ forcePathStyle: true });
      const { url, headers } = await presignUpload(defaults, upload);
      const { 'Content-Length': _length, ...browserHeaders } = headers;

      // Act
      const put = await fetch(url, { method: 'PUT', headers: browserHeaders, body: FILE });

      // Assess
      expect(queryNames(url)).toContain('x-amz-checksum-crc32');
      expect(put.status).toBe(400);
      expect(await put.text()).toContain('<Code>BadDigest</Code>');
      defaults.destroy();
    });
  });

  describe('Function: presignDownload', () => {
    it('signs only the host, asks for no checksum, and downloads the object as an attachment', async () => {
      // Prepare
      const client = presigningS3Client();
      const { url: putUrl, headers } = await presignUpload(client, upload);
      const { 'Content-Length': _length, ...browserHeaders } = headers;
      await fetch(putUrl, { method: 'PUT', headers: browserHeaders, body: FILE });

      // Act
      const url = await presignDownload(client, {
        bucket: BUCKET,
        key: upload.key,
        fileName: 'sterk-r-0001.zip',
        expiresInSeconds: 900,
      });
      const got = await fetch(url);

      // Assess
      expect(queryNames(url).filter((name) => name.startsWith('x-amz-checksum'))).toEqual([]);
      expect(signedHeaders(url)).toEqual(['host']);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-disposition')).toBe('attachment; filename="sterk-r-0001.zip"');
      expect(Buffer.from(await got.arrayBuffer())).toEqual(FILE);
      client.destroy();
    });
  });
});
