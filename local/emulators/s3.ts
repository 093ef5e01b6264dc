import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { crc32 } from 'node:zlib';
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
  const server = createServer(checkingPresignedChecksums(acceptingAnyAccessKey(s3rver.callback())));
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

const CHECKSUM_PARAMETER = /^x-amz-checksum-(crc32|sha1|sha256)$/;

/**
 * S3 checks a checksum signed into a presigned PUT's query (`x-amz-checksum-crc32=…`) against the body and
 * answers 400 BadDigest when they differ; s3rver ignores it. So does this stand-in, for the algorithms Node
 * computes (CRC32, SHA-1, SHA-256): a URL signed with the SDK's default checksum of an empty body fails
 * locally as it does on AWS. CRC32C and CRC64NVME are passed through unchecked.
 */
function checkingPresignedChecksums(listener: RequestListener): RequestListener {
  return (request, response) => {
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const signed = [...query.entries()].find(([name]) => CHECKSUM_PARAMETER.test(name.toLowerCase()));
    if (request.method !== 'PUT' || signed === undefined) {
      listener(request, response);
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const [name, expected] = signed;
      const algorithm = CHECKSUM_PARAMETER.exec(name.toLowerCase())?.[1] ?? '';
      if (checksumOf(algorithm, body) !== expected) {
        badDigest(response, algorithm);
        return;
      }
      listener(replayed(request, body), response);
    });
  };
}

function checksumOf(algorithm: string, body: Buffer): string {
  if (algorithm === 'crc32') {
    const value = Buffer.alloc(4);
    value.writeUInt32BE(crc32(body));
    return value.toString('base64');
  }
  return createHash(algorithm).update(body).digest('base64');
}

function badDigest(response: ServerResponse, algorithm: string): void {
  response.writeHead(400, { 'content-type': 'application/xml' });
  response.end(
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>BadDigest</Code>' +
      `<Message>The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.</Message></Error>`,
  );
}

/** The request again, its body already read: s3rver reads the body from the request stream itself. */
function replayed(original: IncomingMessage, body: Buffer): IncomingMessage {
  const replay = new IncomingMessage(original.socket);
  replay.method = original.method;
  replay.url = original.url;
  replay.httpVersion = original.httpVersion;
  replay.httpVersionMajor = original.httpVersionMajor;
  replay.httpVersionMinor = original.httpVersionMinor;
  replay.headers = original.headers;
  replay.rawHeaders = original.rawHeaders;
  replay.push(body);
  replay.push(null);
  return replay;
}
