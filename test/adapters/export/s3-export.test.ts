import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { s3ObjectOpener, uploadExportToS3 } from '../../../lambdas/adapters/export/zip-export';
import { prepareExport } from '../../../lambdas/domain/export/build';
import { DataJsonSchema } from '../../../lambdas/domain/export/data-json-schema';
import type { RunningEmulator } from '../../../local/emulators/emulator';
import { startS3 } from '../../../local/emulators/s3';
import { accessRequest, collected, finding, GENERATED_AT } from '../../domain/export/fixtures';
import { sterkPolicy } from '../../domain/policy/sterk-fixture';
import { unzip } from './unzip';

const EXPORTS = 'personvern-exports';
const UPLOADS = 'personvern-uploads';
const KMS_KEY = 'arn:aws:kms:eu-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

interface SentRequest {
  readonly command: string;
  readonly path: string;
  readonly headers: Record<string, string>;
}

describe('Function: uploadExportToS3 (s3rver)', () => {
  let directory: string;
  let emulator: RunningEmulator;
  let client: S3Client;
  let sent: SentRequest[];

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'personvern-export-s3-'));
    emulator = await startS3({ directory, fresh: true, port: 0, buckets: [EXPORTS, UPLOADS] });
  });

  afterAll(async () => {
    await emulator.stop();
    await rm(directory, { recursive: true, force: true });
  });

  beforeEach(() => {
    sent = [];
    client = new S3Client({
      endpoint: emulator.endpoint,
      region: 'eu-north-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    // Records what goes over the wire: s3rver accepts the encryption headers but does not act on them.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const request = args.request as { path?: string; headers?: Record<string, string> };
        sent.push({
          command: String(context.commandName),
          path: request.path ?? '',
          headers: { ...(request.headers ?? {}) },
        });
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordRequests' },
    );
  });

  afterEach(() => {
    client.destroy();
  });

  async function getObject(
    bucket: string,
    key: string,
  ): Promise<{ body: Buffer; length: number | undefined }> {
    const { Body, ContentLength } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return { body: Buffer.from((await Body?.transformToByteArray()) ?? []), length: ContentLength };
  }

  it('streams an export with a staff upload from S3 into an SSE-KMS object', async () => {
    // Prepare
    const scan = randomBytes(300_000);
    await client.send(
      new PutObjectCommand({ Bucket: UPLOADS, Key: 'uploads/r-0001/brp/profile.pdf', Body: scan }),
    );
    const prepared = await prepareExport(
      {
        policy: sterkPolicy(),
        request: accessRequest('en'),
        generatedAt: GENERATED_AT,
        findings: [
          finding('pasientsky', 'no-data'),
          finding('brp-systems', 'staff-upload', ['name', 'membership-type'], {
            objectKey: 'uploads/r-0001/brp/profile.pdf',
          }),
          finding('melin-convene-medical', 'no-data'),
          finding('mailchimp', 'connector', ['email'], { recordCount: 1 }),
          finding('personvern', 'no-data'),
        ],
      },
      {
        readCollected: async () =>
          collected({ member: [{ email: 'kari@example.no', status: 'subscribed' }] }),
        openUpload: s3ObjectOpener(client, UPLOADS),
      },
    );

    // Act
    const result = await uploadExportToS3({
      client,
      bucket: EXPORTS,
      key: 'exports/r-0001.zip',
      kmsKeyId: KMS_KEY,
      files: prepared.files,
      downloadName: 'STERK innsyn r-0001.zip',
    });

    // Assess
    const stored = await getObject(EXPORTS, 'exports/r-0001.zip');
    expect(result.bytes).toBe(stored.body.length);
    expect(stored.length).toBe(result.bytes);
    const entries = unzip(stored.body);
    expect(entries.map((entry) => entry.path)).toEqual([
      'index.html',
      'data.json',
      'mailchimp/member.csv',
      'uploads/brp-systems/profile.pdf',
    ]);
    expect(entries[3]?.data.equals(scan)).toBe(true);
    expect(DataJsonSchema.safeParse(JSON.parse(entries[1]?.data.toString() ?? '')).success).toBe(true);

    const put = sent.find(
      (request) => request.command === 'PutObjectCommand' && request.path.endsWith('/exports/r-0001.zip'),
    );
    expect(put?.headers).toMatchObject({
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': KMS_KEY,
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="STERK innsyn r-0001.zip"; filename*=UTF-8''STERK%20innsyn%20r-0001.zip`,
    });
    const uploadReads = sent.filter(
      (request) => request.command === 'GetObjectCommand' && request.path.startsWith(`/${UPLOADS}/`),
    );
    expect(uploadReads.map((request) => request.path)).toEqual([
      `/${UPLOADS}/uploads/r-0001/brp/profile.pdf`,
    ]);
  });

  it('uses a multipart upload with SSE-KMS for an export larger than one part', async () => {
    // Prepare
    const big = randomBytes(12 * 1024 * 1024);
    async function* content() {
      for (let offset = 0; offset < big.length; offset += 256 * 1024)
        yield big.subarray(offset, offset + 256 * 1024);
    }

    // Act
    const result = await uploadExportToS3({
      client,
      bucket: EXPORTS,
      key: 'exports/big.zip',
      files: [{ path: 'uploads/brp-systems/big.bin', content: content() }],
      partSize: 5 * 1024 * 1024,
    });

    // Assess
    const stored = await getObject(EXPORTS, 'exports/big.zip');
    expect(stored.body.length).toBe(result.bytes);
    expect(unzip(stored.body)[0]?.data.equals(big)).toBe(true);
    const create = sent.find((request) => request.command === 'CreateMultipartUploadCommand');
    expect(create?.headers['x-amz-server-side-encryption']).toBe('aws:kms');
    expect(create?.headers).not.toHaveProperty('x-amz-server-side-encryption-aws-kms-key-id');
    expect(sent.filter((request) => request.command === 'UploadPartCommand').length).toBeGreaterThanOrEqual(
      3,
    );
    expect(sent.some((request) => request.command === 'CompleteMultipartUploadCommand')).toBe(true);
  });

  it('rejects when an upload cannot be read, and leaves no export behind', async () => {
    // Prepare
    const prepared = await prepareExport(
      {
        policy: sterkPolicy(),
        request: accessRequest('nb', { type: 'portability' }),
        generatedAt: GENERATED_AT,
        findings: [finding('brp-systems', 'staff-upload', ['name'], { objectKey: 'uploads/missing.pdf' })],
      },
      {
        readCollected: async () => collected({}),
        openUpload: s3ObjectOpener(client, UPLOADS),
      },
    );

    // Act
    const uploading = uploadExportToS3({
      client,
      bucket: EXPORTS,
      key: 'exports/broken.zip',
      files: prepared.files,
    });

    // Assess
    await expect(uploading).rejects.toThrow(/key does not exist/i);
    await expect(getObject(EXPORTS, 'exports/broken.zip')).rejects.toThrow(/key does not exist/i);
  });
});
