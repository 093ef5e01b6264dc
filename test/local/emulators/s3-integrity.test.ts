/**
 * What the local S3 checks of a body and a date as S3 does, with the real SDK: Content-MD5 (BadDigest,
 * InvalidDigest), x-amz-checksum-crc32c and -sha1 (BadDigest with S3's message), the aws-chunked upload the
 * SDK sends for a streamed PutObject (decoded and stored as the plain body; a wrong trailing checksum refused),
 * and a presigned URL dated beyond S3's 15 minutes ahead ("Request is not yet valid").
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';

import type { RunningEmulator } from '../../../local/emulators/emulator';
import { startS3 } from '../../../local/emulators/s3';
import { checksumOf, UNSIGNED_TRAILER } from '../../../local/emulators/s3-integrity';

const BUCKET = 'personvern-integrity';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const FILE = Buffer.from('Journalnotat 2025-03-01: kontroll av kne.\n', 'utf8');

let directory: string;
let emulator: RunningEmulator;
let client: S3Client;
let counter = 0;
const nextKey = () => `uploads/r-${++counter}/journal.txt`;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'personvern-s3-integrity-'));
  emulator = await startS3({ directory, fresh: true, port: 0, buckets: [BUCKET] });
  client = new S3Client({
    endpoint: emulator.endpoint,
    region: 'eu-north-1',
    forcePathStyle: true,
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  await emulator.stop();
  await rm(directory, { recursive: true, force: true });
});

async function failure(
  promise: Promise<unknown>,
): Promise<{ name: string; status?: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof S3ServiceException)) throw error;
    return { name: error.name, status: error.$metadata.httpStatusCode, message: error.message };
  }
  throw new Error('The call succeeded');
}

const stored = async (key: string) =>
  (await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body?.transformToString();

describe('Content-MD5', () => {
  it('takes a body that matches it, refuses one that does not (BadDigest) and a value that is no MD5 (InvalidDigest)', async () => {
    // Prepare
    const md5 = createHash('md5').update(FILE).digest('base64');
    const put = (ContentMD5: string) =>
      client.send(new PutObjectCommand({ Bucket: BUCKET, Key: nextKey(), Body: FILE, ContentMD5 }));

    // Act
    const right = await put(md5);
    const wrong = await failure(put('1B2M2Y8AsgTpgAmY7PhCfg=='));
    const invalid = await failure(put('bm90LW1kNQ=='));

    // Assess
    expect(right.ETag).toBeDefined();
    expect(wrong).toEqual({
      name: 'BadDigest',
      status: 400,
      message: 'The Content-MD5 you specified did not match what we received.',
    });
    expect(invalid).toEqual({
      name: 'InvalidDigest',
      status: 400,
      message: 'The Content-MD5 you specified is not valid.',
    });
  });
});

describe('x-amz-checksum-*', () => {
  it('takes the SDK’s own CRC32C and refuses a wrong one with S3’s message', async () => {
    // Prepare
    const key = nextKey();

    // Act
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: FILE, ChecksumAlgorithm: 'CRC32C' }),
    );
    const wrong = await failure(
      client.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: nextKey(), Body: FILE, ChecksumCRC32C: 'AAAAAA==' }),
      ),
    );

    // Assess
    expect(await stored(key)).toBe(FILE.toString());
    expect(wrong).toEqual({
      name: 'BadDigest',
      status: 400,
      message: 'The CRC32C you specified did not match the calculated checksum.',
    });
  });

  it('refuses a wrong SHA-1 and a value that is not a checksum at all', async () => {
    // Act
    const sha1 = await failure(
      client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: nextKey(),
          Body: FILE,
          ChecksumSHA1: await checksumOf('sha1', Buffer.from('x')),
        }),
      ),
    );
    const malformed = await failure(
      client.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: nextKey(), Body: FILE, ChecksumCRC32: 'AAAA' }),
      ),
    );

    // Assess
    expect(sha1).toMatchObject({
      name: 'BadDigest',
      message: 'The SHA1 you specified did not match the calculated checksum.',
    });
    expect(malformed).toMatchObject({ name: 'InvalidRequest', status: 400 });
  });
});

describe('aws-chunked (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', () => {
  it('stores the plain body of a streamed PutObject, as the SDK sends it with its default checksum', async () => {
    // Prepare
    const key = nextKey();
    const seen: string[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers: Record<string, string> };
        seen.push(String(request.headers['x-amz-content-sha256']));
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'recordPayloadHash' },
    );

    // Act
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: Readable.from([FILE.subarray(0, 10), FILE.subarray(10)]),
        ContentLength: FILE.length,
      }),
    );
    client.middlewareStack.remove('recordPayloadHash');

    // Assess: the SDK framed it, and the local S3 stored what was sent, not the framing.
    expect(seen).toEqual([UNSIGNED_TRAILER]);
    expect(await stored(key)).toBe(FILE.toString());
  });

  /** A header-signed aws-chunked PUT whose trailer says `trailer`, signed with the local key. */
  async function chunkedPut(key: string, trailer: string): Promise<Response> {
    const url = new URL(`${emulator.endpoint}/${BUCKET}/${key}`);
    const body = Buffer.concat([
      Buffer.from(`${FILE.length.toString(16)}\r\n`),
      FILE,
      Buffer.from(`\r\n0\r\nx-amz-checksum-crc32c:${trailer}\r\n\r\n`),
    ]);
    const signer = new SignatureV4({
      service: 's3',
      region: 'eu-north-1',
      credentials: CREDENTIALS,
      sha256: Sha256,
    });
    const signed = await signer.sign({
      method: 'PUT',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: {
        host: url.host,
        'content-encoding': 'aws-chunked',
        'content-length': String(body.length),
        'x-amz-content-sha256': UNSIGNED_TRAILER,
        'x-amz-decoded-content-length': String(FILE.length),
        'x-amz-trailer': 'x-amz-checksum-crc32c',
      },
    });
    return fetch(url, { method: 'PUT', headers: signed.headers, body });
  }

  it('takes a trailing checksum that matches, and refuses one that does not with BadDigest', async () => {
    // Prepare
    const key = nextKey();

    // Act
    const right = await chunkedPut(key, await checksumOf('crc32c', FILE));
    const wrong = await chunkedPut(nextKey(), 'AAAAAA==');

    // Assess
    expect(right.status).toBe(200);
    expect(await stored(key)).toBe(FILE.toString());
    expect(wrong.status).toBe(400);
    const text = await wrong.text();
    expect(text).toContain('<Code>BadDigest</Code>');
    expect(text).toContain('The CRC32C you specified did not match the calculated checksum.');
  });
});

describe('A presigned URL dated in the future', () => {
  it('is refused beyond S3’s 15 minutes ahead ("Request is not yet valid"), and taken within them', async () => {
    // Prepare
    const presigner = new S3Client({
      endpoint: emulator.endpoint,
      region: 'eu-north-1',
      forcePathStyle: true,
      credentials: CREDENTIALS,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    const key = nextKey();
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: FILE }));
    const url = (minutesAhead: number) =>
      getSignedUrl(presigner, new GetObjectCommand({ Bucket: BUCKET, Key: key }), {
        expiresIn: 3600,
        signingDate: new Date(Date.now() + minutesAhead * 60_000),
      });

    // Act
    const later = await fetch(await url(20));
    const soon = await fetch(await url(5));
    presigner.destroy();

    // Assess
    expect(later.status).toBe(403);
    const text = await later.text();
    expect(text).toContain('<Code>AccessDenied</Code>');
    expect(text).toContain('<Message>Request is not yet valid</Message>');
    expect(soon.status).toBe(200);
  });
});
