/**
 * The local S3 checks SigV4 as S3 does: what a presigned URL signs (size, content type, checksum, expiry) and
 * what a header-signed SDK call signs (secret, body hash, clock), with the real SDK and presigner on one side.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { RunningEmulator } from '../../../local/emulators/emulator';
import { startS3 } from '../../../local/emulators/s3';

const BUCKET = 'personvern-uploads';
const REGION = 'eu-north-1';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const FILE = Buffer.from('Journalnotat 2025-03-01: kontroll av kne.\n', 'utf8');
const MINUTE = 60_000;

let directory: string;
let emulator: RunningEmulator;
let counter = 0;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'personvern-s3-signatures-'));
  emulator = await startS3({ directory, fresh: true, port: 0, buckets: [BUCKET] });
});

afterAll(async () => {
  await emulator.stop();
  await rm(directory, { recursive: true, force: true });
});

function clientWith(config: Partial<S3ClientConfig> = {}): S3Client {
  return new S3Client({
    endpoint: emulator.endpoint,
    region: REGION,
    forcePathStyle: true,
    credentials: CREDENTIALS,
    // The checks under test answer 4xx; a retry would only hide which one.
    maxAttempts: 1,
    ...config,
  });
}

/** A client for presigning as lambdas/adapters/s3/presign.ts does: no default checksums. */
function presigner(config: Partial<S3ClientConfig> = {}): S3Client {
  return clientWith({
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...config,
  });
}

function nextKey(): string {
  counter += 1;
  return `uploads/r-${counter}/journal.txt`;
}

async function presignPut(
  key: string,
  options: { client?: S3Client; signingDate?: Date; expiresIn?: number; checksumSha256?: string } = {},
): Promise<string> {
  const client = options.client ?? presigner();
  const url = await getSignedUrl(
    client,
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: key,
      ContentType: 'text/plain',
      ContentLength: FILE.length,
      ...(options.checksumSha256 === undefined ? {} : { ChecksumSHA256: options.checksumSha256 }),
    }),
    {
      expiresIn: options.expiresIn ?? 900,
      signableHeaders: new Set(['content-type', 'content-length']),
      ...(options.signingDate === undefined ? {} : { signingDate: options.signingDate }),
    },
  );
  client.destroy();
  return url;
}

/** A PUT as a browser sends it: the body's own Content-Length, the headers it is told to send. */
function browserPut(
  url: string,
  body: Buffer,
  headers: Record<string, string> = { 'Content-Type': 'text/plain' },
) {
  return fetch(url, { method: 'PUT', headers, body });
}

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const text = await response.text();
  return {
    status: response.status,
    code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? '',
    message: /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? '',
  };
}

async function stored(key: string): Promise<Buffer | undefined> {
  const client = clientWith();
  try {
    const { Body } = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return Buffer.from((await Body?.transformToByteArray()) ?? []);
  } catch (error) {
    if (error instanceof S3ServiceException && error.name === 'NoSuchKey') return undefined;
    throw error;
  } finally {
    client.destroy();
  }
}

async function refusalOf(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof S3ServiceException)) throw new Error(`expected an S3 error, got ${String(error)}`);
  return { name: error.name, status: error.$metadata.httpStatusCode };
}

describe('Presigned PUT', () => {
  it('takes the file it was signed for', async () => {
    // Prepare
    const key = nextKey();
    const url = await presignPut(key);

    // Act
    const put = await browserPut(url, FILE);

    // Assess
    expect(put.status).toBe(200);
    expect(await stored(key)).toEqual(FILE);
  });

  it('refuses a bigger body than the signed content-length', async () => {
    // Prepare
    const key = nextKey();
    const url = await presignPut(key);

    // Act
    const put = await browserPut(url, Buffer.concat([FILE, Buffer.from('and more')]));

    // Assess
    expect(await errorOf(put)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(await stored(key)).toBeUndefined();
  });

  it('refuses another content type than signed', async () => {
    // Prepare
    const key = nextKey();
    const url = await presignPut(key);

    // Act
    const put = await browserPut(url, FILE, { 'Content-Type': 'text/html' });

    // Assess
    expect(await errorOf(put)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(await stored(key)).toBeUndefined();
  });

  it('refuses a tampered signature', async () => {
    // Prepare
    const key = nextKey();
    const url = new URL(await presignPut(key));
    const signature = url.searchParams.get('X-Amz-Signature') ?? '';
    url.searchParams.set(
      'X-Amz-Signature',
      `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
    );

    // Act
    const put = await browserPut(url.toString(), FILE);

    // Assess
    expect(await errorOf(put)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses its signature for another key', async () => {
    // Prepare
    const key = nextKey();
    const url = new URL(await presignPut(key));
    url.pathname = url.pathname.replace('journal.txt', 'other.txt');

    // Act
    const put = await browserPut(url.toString(), FILE);

    // Assess
    expect(await errorOf(put)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(await stored(key.replace('journal.txt', 'other.txt'))).toBeUndefined();
  });

  it('refuses an expired URL', async () => {
    // Prepare: signed two hours ago for 15 minutes
    const key = nextKey();
    const url = await presignPut(key, { signingDate: new Date(Date.now() - 120 * MINUTE), expiresIn: 900 });

    // Act
    const put = await browserPut(url, FILE);

    // Assess
    expect(await errorOf(put)).toEqual({ status: 403, code: 'AccessDenied', message: 'Request has expired' });
    expect(await stored(key)).toBeUndefined();
  });

  it('refuses a body that does not match the checksum signed into it, and takes one that does', async () => {
    // Prepare
    const key = nextKey();
    const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('base64');
    const wrong = await presignPut(key, { checksumSha256: sha256(Buffer.from('another file')) });
    const right = await presignPut(key, { checksumSha256: sha256(FILE) });

    // Act
    const refused = await browserPut(wrong, FILE);
    const accepted = await browserPut(right, FILE);

    // Assess
    expect(await errorOf(refused)).toMatchObject({ status: 400, code: 'BadDigest' });
    expect(accepted.status).toBe(200);
  });

  it('refuses an x-amz-* header that was not signed', async () => {
    // Prepare
    const key = nextKey();
    const url = await presignPut(key);

    // Act
    const put = await browserPut(url, FILE, { 'Content-Type': 'text/plain', 'x-amz-meta-owner': 'someone' });

    // Assess
    expect(await errorOf(put)).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'There were headers present in the request which were not signed',
    });
  });

  it('refuses an access key the local S3 does not know', async () => {
    // Prepare
    const key = nextKey();
    const url = await presignPut(key, {
      client: presigner({ credentials: { accessKeyId: 'stranger', secretAccessKey: 'local' } }),
    });

    // Act
    const put = await browserPut(url, FILE);

    // Assess
    expect(await errorOf(put)).toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
  });
});

describe('Presigned GET', () => {
  async function presignGet(key: string, signingDate?: Date): Promise<string> {
    const client = presigner();
    const url = await getSignedUrl(
      client,
      new GetObjectCommand({
        Bucket: BUCKET,
        Key: key,
        ResponseContentDisposition: 'attachment; filename="a.txt"',
      }),
      { expiresIn: 900, ...(signingDate === undefined ? {} : { signingDate }) },
    );
    client.destroy();
    return url;
  }

  let key: string;

  beforeAll(async () => {
    key = nextKey();
    expect((await browserPut(await presignPut(key), FILE)).status).toBe(200);
  });

  it('downloads the object', async () => {
    // Act
    const got = await fetch(await presignGet(key));

    // Assess
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toBe('attachment; filename="a.txt"');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(FILE);
  });

  it('refuses an expired URL', async () => {
    // Act
    const got = await fetch(await presignGet(key, new Date(Date.now() - 20 * MINUTE)));

    // Assess
    expect(await errorOf(got)).toEqual({ status: 403, code: 'AccessDenied', message: 'Request has expired' });
  });

  it('refuses a changed response header override', async () => {
    // Prepare
    const url = new URL(await presignGet(key));
    url.searchParams.set('response-content-disposition', 'inline');

    // Act
    const got = await fetch(url);

    // Assess
    expect(await errorOf(got)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses a request without any signature', async () => {
    // Act
    const got = await fetch(`${emulator.endpoint}/${BUCKET}/${key}`);

    // Assess
    expect(await errorOf(got)).toEqual({ status: 403, code: 'AccessDenied', message: 'Access Denied' });
  });
});

describe('Header-signed SDK calls', () => {
  it('store and read an object with the local key, default checksums included', async () => {
    // Prepare
    const client = clientWith();
    const key = nextKey();

    // Act
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: FILE, ContentType: 'text/plain' }),
    );
    const { Body } = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));

    // Assess
    expect(Buffer.from((await Body?.transformToByteArray()) ?? [])).toEqual(FILE);
    client.destroy();
  });

  it('upload a multipart object through lib-storage, as the export ZIP is uploaded', async () => {
    // Prepare: two parts of the minimum part size, from a stream as the ZIP writer gives them
    const client = clientWith();
    const key = nextKey();
    const body = Buffer.alloc(6 * 1024 * 1024 + 17, 'z');
    async function* chunks() {
      for (let at = 0; at < body.length; at += 64 * 1024) yield body.subarray(at, at + 64 * 1024);
    }

    // Act
    await new Upload({
      client,
      partSize: 5 * 1024 * 1024,
      params: { Bucket: BUCKET, Key: key, Body: Readable.from(chunks()), ContentType: 'application/zip' },
    }).done();

    // Assess
    expect((await stored(key))?.equals(body)).toBe(true);
    client.destroy();
  });

  it('are refused when signed with a wrong secret', async () => {
    // Prepare
    const client = clientWith({ credentials: { accessKeyId: 'local', secretAccessKey: 'not-the-secret' } });
    const key = nextKey();

    // Act
    const put = await refusalOf(client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: FILE })));
    const get = await refusalOf(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })));

    // Assess
    expect(put).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
    expect(get).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
    expect(await stored(key)).toBeUndefined();
    client.destroy();
  });

  it('are refused with an unknown access key', async () => {
    // Prepare
    const client = clientWith({ credentials: { accessKeyId: 'stranger', secretAccessKey: 'local' } });

    // Act
    const get = await refusalOf(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'anything' })));

    // Assess
    expect(get).toEqual({ name: 'InvalidAccessKeyId', status: 403 });
    client.destroy();
  });

  it('are refused when the body is not the one whose SHA-256 was signed', async () => {
    // Prepare: the body is swapped after signing, for one of the same length
    const client = clientWith({ requestChecksumCalculation: 'WHEN_REQUIRED' });
    // Only the request is touched; the SDK's middleware types need its internal @smithy/types.
    type Args = { request: { body: unknown } };
    const swapBody = (next: (args: Args) => unknown) => (args: Args) => {
      args.request.body = Buffer.from('tampered');
      return next(args);
    };
    client.middlewareStack.addRelativeTo(
      swapBody as unknown as Parameters<typeof client.middlewareStack.addRelativeTo>[0],
      {
        relation: 'after',
        toMiddleware: 'httpSigningMiddleware',
      },
    );
    const key = nextKey();

    // Act
    const put = await refusalOf(
      client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.from('honest!!') })),
    );

    // Assess
    expect(put).toEqual({ name: 'XAmzContentSHA256Mismatch', status: 400 });
    expect(await stored(key)).toBeUndefined();
    client.destroy();
  });

  it('are refused when the clock is off by more than 15 minutes, and taken within them', async () => {
    // Prepare
    const late = clientWith({ systemClockOffset: -16 * MINUTE });
    const slightlyLate = clientWith({ systemClockOffset: -14 * MINUTE });

    // Act
    const refused = await refusalOf(late.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'anything' })));
    const taken = await refusalOf(
      slightlyLate.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'anything' })),
    );

    // Assess: the second passes the signature check and reaches the store, which has no such key
    expect(refused).toEqual({ name: 'RequestTimeTooSkewed', status: 403 });
    expect(taken).toEqual({ name: 'NoSuchKey', status: 404 });
    late.destroy();
    slightlyLate.destroy();
  });
});

describe('CORS preflight', () => {
  it('is answered without a signature, as browsers send it', async () => {
    // Prepare
    const client = clientWith();
    await client.send(
      new PutBucketCorsCommand({
        Bucket: BUCKET,
        CORSConfiguration: {
          CORSRules: [
            { AllowedOrigins: ['http://127.0.0.1:5173'], AllowedMethods: ['PUT'], AllowedHeaders: ['*'] },
          ],
        },
      }),
    );
    client.destroy();

    // Act
    const preflight = await fetch(`${emulator.endpoint}/${BUCKET}/uploads/r-1/journal.txt`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:5173',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type',
      },
    });

    // Assess
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
  });
});
