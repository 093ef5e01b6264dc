import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import { crc32 } from 'node:zlib';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account.js';
import { prepareDataDirectory } from './data-directory';
import { endpointFor, type RunningEmulator } from './emulator';
import { closeServer, listen } from './ports';
import { readBody, replayed } from './s3-body';
import { answerS3Error, type S3ErrorAnswer } from './s3-errors';
import { type S3Credentials, verifyingSignatures } from './s3-signatures';

/** The key pair every local client signs with (local/stack.ts, the tests, the benches). */
export const LOCAL_S3_CREDENTIALS: readonly S3Credentials[] = [
  { accessKeyId: 'local', secretAccessKey: 'local' },
];

export interface S3EmulatorOptions {
  /** Objects are plain files here, so they survive a restart. */
  readonly directory: string;
  readonly fresh: boolean;
  /** 0 picks a free port. */
  readonly port: number;
  /** Created up front if missing; existing buckets keep their objects. */
  readonly buckets: readonly string[];
  /** The key pairs whose signatures are accepted; LOCAL_S3_CREDENTIALS unless given. */
  readonly credentials?: readonly S3Credentials[];
  /** The clock signatures are checked against (ms since the epoch); real time unless a test moves it. */
  readonly now?: () => number;
  /**
   * Authorises each signed request after its signature is verified and before s3rver sees it (local/iam's
   * s3IamCheck): an answer refuses the request with it. Checked in-process rather than by a proxy, since the
   * Host header is signed and presigned URLs come straight from browsers.
   */
  readonly authorize?: S3Authorization;
}

/** What an S3 authorisation sees: the request (the body only for DeleteObjects) and whether an object exists. */
export type S3Authorization = (
  request: {
    readonly method: string;
    readonly url: string;
    readonly headers: IncomingMessage['headers'];
    readonly body: string;
  },
  store: { objectExists(bucket: string, key: string): Promise<boolean> },
) => Promise<S3ErrorAnswer | undefined>;

/** s3rver on loopback. Clients need `forcePathStyle: true`: bucket subdomains of 127.0.0.1 do not resolve. */
export async function startS3({
  directory,
  fresh,
  port,
  buckets,
  credentials = LOCAL_S3_CREDENTIALS,
  now,
  authorize,
}: S3EmulatorOptions): Promise<RunningEmulator> {
  await prepareDataDirectory(directory, fresh);
  const s3rver = new S3rver({ directory, silent: true, configureBuckets: buckets.map((name) => ({ name })) });
  await s3rver.configureBuckets();
  // s3rver only knows its own key `S3RVER` and checks no V4 signature; verifyingSignatures has checked both by
  // the time a request reaches it.
  for (const pair of credentials)
    AWSAccount.DUMMY_ACCOUNT.createKeyPair(pair.accessKeyId, pair.secretAccessKey);
  // Our own server rather than s3rver.run(): its listen() has no error listener, so a busy port would crash
  // the process instead of rejecting.
  const store = (s3rver as unknown as { store: S3rverStore }).store;
  const checked = checkingChecksums(s3rver.callback());
  const server = createServer(
    verifyingSignatures(authorize === undefined ? checked : authorizing(checked, authorize, store), {
      credentials,
      ...(now === undefined ? {} : { now }),
    }),
  );
  const boundPort = await listen(server, 'S3 (s3rver)', port);
  return { endpoint: endpointFor(boundPort), stop: () => closeServer(server) };
}

/** s3rver's FilesystemStore, as far as the authorisation needs it (not in its typings). */
interface S3rverStore {
  existsObject(bucket: string, key: string): Promise<boolean>;
}

function authorizing(
  listener: RequestListener,
  authorize: S3Authorization,
  store: S3rverStore,
): RequestListener {
  const objectExists = (bucket: string, key: string) => store.existsObject(bucket, key);
  return (request, response) => {
    // A CORS preflight is not a call: it carries no credentials.
    if (request.method === 'OPTIONS') {
      listener(request, response);
      return;
    }
    // DeleteObjects names its keys in the body; every other operation is told by its method, path and query.
    const needsBody =
      request.method === 'POST' && new URL(request.url ?? '/', 'http://localhost').searchParams.has('delete');
    const body = needsBody ? readBody(request) : Promise.resolve(undefined);
    body
      .then(async (read) => {
        const refusal = await authorize(
          {
            method: request.method ?? 'GET',
            url: request.url ?? '/',
            headers: request.headers,
            body: read?.toString('utf8') ?? '',
          },
          { objectExists },
        );
        if (refusal !== undefined) {
          answerS3Error(read === undefined ? request : replayed(request, read), response, refusal);
          return;
        }
        listener(read === undefined ? request : replayed(request, read), response);
      })
      .catch((error: unknown) => {
        console.error('local S3: the IAM check failed', error);
        response.destroy();
      });
  };
}

const CHECKSUM_NAME = /^x-amz-checksum-(crc32|sha1|sha256)$/;

/**
 * S3 checks a checksum sent with a PUT, signed into a presigned URL's query
 * (`x-amz-checksum-crc32=…`) or as a header (the SDK's default CRC32), against the body and answers 400
 * BadDigest when they differ; s3rver ignores it. So does this stand-in, for the algorithms Node computes
 * (CRC32, SHA-1, SHA-256): a URL signed with the SDK's default checksum of an empty body fails locally as it
 * does on AWS. CRC32C and CRC64NVME are passed through unchecked.
 */
function checkingChecksums(listener: RequestListener): RequestListener {
  return (request, response) => {
    const claimed = claimedChecksum(request);
    if (request.method !== 'PUT' || claimed === undefined) {
      listener(request, response);
      return;
    }
    readBody(request).then(
      (body) => {
        const { algorithm, expected } = claimed;
        if (checksumOf(algorithm, body) !== expected) {
          answerS3Error(request, response, {
            status: 400,
            code: 'BadDigest',
            message: `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
          });
          return;
        }
        listener(replayed(request, body), response);
      },
      () => response.destroy(),
    );
  };
}

function claimedChecksum(request: IncomingMessage): { algorithm: string; expected: string } | undefined {
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
  const sent = [...query.entries(), ...Object.entries(request.headers)].find(([name]) =>
    CHECKSUM_NAME.test(name.toLowerCase()),
  );
  if (sent === undefined) return undefined;
  const [name, value] = sent;
  const algorithm = CHECKSUM_NAME.exec(name.toLowerCase())?.[1] ?? '';
  return { algorithm, expected: Array.isArray(value) ? value.join(',') : (value ?? '') };
}

function checksumOf(algorithm: string, body: Buffer): string {
  if (algorithm === 'crc32') {
    const value = Buffer.alloc(4);
    value.writeUInt32BE(crc32(body));
    return value.toString('base64');
  }
  return createHash(algorithm).update(body).digest('base64');
}
