/**
 * What S3 checks of an upload's body before it stores it, and s3rver does not: the Content-MD5 header, the
 * `x-amz-checksum-*` checksum (a header, a presigned URL's query parameter, or an aws-chunked body's trailer)
 * and the aws-chunked framing the SDK uses for a streamed PutObject with a checksum
 * (`x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER`). A framed body is decoded here and s3rver gets
 * the plain body, as S3 stores it; anything that does not add up is answered as S3 answers it (400 BadDigest,
 * InvalidDigest, InvalidRequest, IncompleteBody). The checksums are the SDK's own implementations
 * (@aws-sdk/checksums, and node:crypto for MD5 and the SHAs), not hand-written ones.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, RequestListener } from 'node:http';
import { Crc32, Crc32c, Crc64Nvme } from '@aws-sdk/checksums/crc';
import { readBody, replayed } from './s3-body';
import { answerS3Error, type S3ErrorAnswer } from './s3-errors';

const CHECKSUM_HEADER = /^x-amz-checksum-(crc32|crc32c|crc64nvme|sha1|sha256)$/;
/** The digest length of each algorithm, in bytes: a value of another length is not a checksum at all. */
const DIGEST_BYTES: Readonly<Record<string, number>> = {
  crc32: 4,
  crc32c: 4,
  crc64nvme: 8,
  sha1: 20,
  sha256: 32,
};
/** The one framing decoded here: unsigned chunks with trailing headers, what the JS SDK v3 sends over HTTP. */
export const UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

/** S3's answer for a body whose `x-amz-checksum-<algorithm>` does not match. */
export const badChecksum = (algorithm: string): S3ErrorAnswer => ({
  status: 400,
  code: 'BadDigest',
  message: `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
});

/** The checksum of a body, base64 as S3 writes it. */
export async function checksumOf(algorithm: string, body: Buffer): Promise<string> {
  if (algorithm === 'sha1' || algorithm === 'sha256')
    return createHash(algorithm).update(body).digest('base64');
  const hasher =
    algorithm === 'crc32' ? new Crc32() : algorithm === 'crc32c' ? new Crc32c() : new Crc64Nvme();
  hasher.update(body);
  return Buffer.from(await hasher.digest()).toString('base64');
}

/**
 * Refuses what S3 refuses of a PUT or POST body, and passes the (decoded) body on to `listener`. Requests
 * without a body to check stream through untouched.
 */
export function checkingBodies(listener: RequestListener): RequestListener {
  return (request, response) => {
    const method = request.method ?? 'GET';
    const chunked = request.headers['x-amz-content-sha256'] === UNSIGNED_TRAILER;
    const claimed = claimedChecksums(request);
    const md5 = request.headers['content-md5'];
    if ((method !== 'PUT' && method !== 'POST') || (!chunked && claimed.length === 0 && md5 === undefined)) {
      listener(request, response);
      return;
    }
    readBody(request)
      .then(async (raw) => {
        let body = raw;
        let checksums = claimed;
        let headers = request.headers;
        if (chunked) {
          const decoded = decodeAwsChunked(raw, request);
          if ('refusal' in decoded) return answerS3Error(request, response, decoded.refusal);
          body = decoded.body;
          checksums = [...claimed, ...decoded.trailers];
          headers = plainHeaders(request.headers, body, decoded.trailers);
        }
        const refusal = await bodyRefusal(body, checksums, md5 === undefined ? undefined : String(md5));
        if (refusal !== undefined) return answerS3Error(request, response, refusal);
        listener(replayed(request, body, headers), response);
      })
      .catch(() => response.destroy());
  };
}

interface Claimed {
  readonly algorithm: string;
  readonly value: string;
}

/** The checksums a request claims, by header or (presigned) by query parameter. */
function claimedChecksums(request: IncomingMessage): Claimed[] {
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
  return [...query.entries(), ...Object.entries(request.headers)].flatMap(([name, value]) => {
    const algorithm = CHECKSUM_HEADER.exec(name.toLowerCase())?.[1];
    if (algorithm === undefined) return [];
    return [{ algorithm, value: Array.isArray(value) ? value.join(',') : String(value ?? '') }];
  });
}

async function bodyRefusal(
  body: Buffer,
  checksums: Claimed[],
  md5: string | undefined,
): Promise<S3ErrorAnswer | undefined> {
  if (md5 !== undefined) {
    if (Buffer.from(md5, 'base64').length !== 16 || !/^[A-Za-z0-9+/]+={0,2}$/.test(md5)) {
      return { status: 400, code: 'InvalidDigest', message: 'The Content-MD5 you specified is not valid.' };
    }
    const calculated = createHash('md5').update(body).digest('base64');
    if (calculated !== md5) {
      return {
        status: 400,
        code: 'BadDigest',
        message: 'The Content-MD5 you specified did not match what we received.',
        detail: { ExpectedDigest: md5, CalculatedDigest: calculated },
      };
    }
  }
  if (new Set(checksums.map((checksum) => checksum.algorithm)).size > 1) {
    return {
      status: 400,
      code: 'InvalidRequest',
      message: 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    };
  }
  for (const { algorithm, value } of checksums) {
    if (Buffer.from(value, 'base64').length !== DIGEST_BYTES[algorithm]) {
      return {
        status: 400,
        code: 'InvalidRequest',
        message: `Value for x-amz-checksum-${algorithm} header is invalid.`,
      };
    }
    if ((await checksumOf(algorithm, body)) !== value) return badChecksum(algorithm);
  }
  return undefined;
}

type Decoded = { readonly body: Buffer; readonly trailers: Claimed[] } | { readonly refusal: S3ErrorAnswer };

/**
 * aws-chunked with unsigned chunks: `<hex size>\r\n<bytes>\r\n` … `0\r\n`, then the trailing headers the
 * request announced in `x-amz-trailer` (`x-amz-checksum-crc32:<base64>\r\n`), then `\r\n`. The decoded length
 * must be the `x-amz-decoded-content-length` the request announced.
 */
export function decodeAwsChunked(raw: Buffer, request: Pick<IncomingMessage, 'headers'>): Decoded {
  const incomplete = (message: string): Decoded => ({
    refusal: { status: 400, code: 'IncompleteBody', message },
  });
  const announced = Number(request.headers['x-amz-decoded-content-length']);
  if (!Number.isSafeInteger(announced) || announced < 0) {
    return {
      refusal: {
        status: 411,
        code: 'MissingContentLength',
        message: 'You must provide the Content-Length HTTP header.',
      },
    };
  }
  const chunks: Buffer[] = [];
  let at = 0;
  for (;;) {
    const end = raw.indexOf('\r\n', at);
    if (end === -1) return incomplete('The request body terminated unexpectedly');
    // A chunk's size may carry extensions (`;chunk-signature=…` in the signed variants): the size comes first.
    const size = Number.parseInt(raw.subarray(at, end).toString('latin1').split(';')[0] ?? '', 16);
    if (!Number.isSafeInteger(size) || size < 0)
      return {
        refusal: {
          status: 400,
          code: 'InvalidChunkSizeError',
          message: 'Only the last chunk is allowed to have a size less than 8192 bytes',
        },
      };
    at = end + 2;
    if (size === 0) break;
    if (at + size + 2 > raw.length || raw.toString('latin1', at + size, at + size + 2) !== '\r\n')
      return incomplete('The request body terminated unexpectedly');
    chunks.push(raw.subarray(at, at + size));
    at += size + 2;
  }
  const expected = String(request.headers['x-amz-trailer'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const trailers: Claimed[] = [];
  for (const line of raw.subarray(at).toString('latin1').split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const algorithm = CHECKSUM_HEADER.exec(name)?.[1];
    if (colon === -1 || !expected.includes(name) || algorithm === undefined) {
      return {
        refusal: {
          status: 400,
          code: 'MalformedTrailerError',
          message:
            'The request contained trailing data that was not well-formed or did not conform to our published schema.',
        },
      };
    }
    trailers.push({ algorithm, value: line.slice(colon + 1).trim() });
  }
  if (expected.length > 0 && trailers.length === 0)
    return incomplete('The request body terminated unexpectedly');
  const body = Buffer.concat(chunks);
  if (body.length !== announced) {
    return incomplete(
      'You did not provide the number of bytes specified by the x-amz-decoded-content-length HTTP header',
    );
  }
  return { body, trailers };
}

/** The headers as they would have been without the framing: its length, no aws-chunked, the trailer as headers. */
function plainHeaders(
  original: IncomingMessage['headers'],
  body: Buffer,
  trailers: Claimed[],
): IncomingMessage['headers'] {
  const headers = { ...original };
  const encodings = String(headers['content-encoding'] ?? '')
    .split(',')
    .map((encoding) => encoding.trim())
    .filter((encoding) => encoding !== '' && encoding !== 'aws-chunked');
  if (encodings.length > 0) headers['content-encoding'] = encodings.join(', ');
  else delete headers['content-encoding'];
  delete headers['x-amz-decoded-content-length'];
  delete headers['x-amz-trailer'];
  delete headers['transfer-encoding'];
  headers['content-length'] = String(body.length);
  for (const { algorithm, value } of trailers) headers[`x-amz-checksum-${algorithm}`] = value;
  return headers;
}
