import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account.js';
import { prepareDataDirectory } from './data-directory';
import { endpointFor, type RunningEmulator } from './emulator';
import { closeServer, listen } from './ports';
import { readBody, replayed } from './s3-body';
import { answerS3Error, type S3ErrorAnswer } from './s3-errors';
import { checkingBodies } from './s3-integrity';
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
  // Content-MD5, x-amz-checksum-* and aws-chunked bodies, which s3rver does not check (s3-integrity.ts).
  const checked = checkingBodies(s3rver.callback());
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
