import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account.js';
import { prepareDataDirectory } from './data-directory';
import { endpointFor, type RunningEmulator } from './emulator';
import { closeServer, listen } from './ports';

export interface S3EmulatorOptions {
  /** Objects are plain files here, so they survive a restart. */
  readonly directory: string;
  readonly fresh: boolean;
  /** 0 picks a free port. */
  readonly port: number;
  /** Created up front if missing; existing buckets keep their objects. */
  readonly buckets: readonly string[];
}

/** s3rver on loopback. Clients need `forcePathStyle: true`: bucket subdomains of 127.0.0.1 do not resolve. */
export async function startS3({
  directory,
  fresh,
  port,
  buckets,
}: S3EmulatorOptions): Promise<RunningEmulator> {
  await prepareDataDirectory(directory, fresh);
  const s3rver = new S3rver({ directory, silent: true, configureBuckets: buckets.map((name) => ({ name })) });
  await s3rver.configureBuckets();
  // Our own server rather than s3rver.run(): its listen() has no error listener, so a busy port would crash
  // the process instead of rejecting.
  const server = createServer(acceptingAnyAccessKey(s3rver.callback()));
  const boundPort = await listen(server, 'S3 (s3rver)', port);
  return { endpoint: endpointFor(boundPort), stop: () => closeServer(server) };
}

/**
 * s3rver only knows the access key `S3RVER`, while the other emulators take any credentials. It never checks
 * SigV4 signatures, only that the key exists, so each key a client signs with (header or presigned URL) is
 * registered on first sight.
 */
function acceptingAnyAccessKey(listener: RequestListener): RequestListener {
  return (request, response) => {
    const accessKeyId = accessKeyIdOf(request);
    if (accessKeyId !== undefined && !AWSAccount.registry.has(accessKeyId)) {
      AWSAccount.DUMMY_ACCOUNT.createKeyPair(accessKeyId, accessKeyId);
    }
    listener(request, response);
  };
}

function accessKeyIdOf(request: IncomingMessage): string | undefined {
  const fromHeader = /Credential=([^/]+)\//.exec(request.headers.authorization ?? '')?.[1];
  const fromQuery = new URL(request.url ?? '/', 'http://localhost').searchParams
    .get('X-Amz-Credential')
    ?.split('/')[0];
  return fromHeader ?? fromQuery;
}
