/**
 * SigV4 as S3 checks it, in front of s3rver (which checks no V4 signature at all): every request but a CORS
 * preflight must be signed, by the Authorization header or by a presigned URL's X-Amz-* query, with a known
 * access key; the signature is recomputed from what arrived (method, path, query, the signed headers, the
 * payload hash) with @smithy/signature-v4 and compared. So a presigned PUT with another size or content type
 * than signed, a tampered URL, an expired one or a wrong secret is refused here as S3 refuses it.
 */
import { createHash, createHmac, type Hash, type Hmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener } from 'node:http';
import { escapeUri } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { readBody, replayed } from './s3-body';
import { answerS3Error, type S3ErrorAnswer } from './s3-errors';
import { UNSIGNED_TRAILER } from './s3-integrity';

export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface SignatureOptions {
  /** The key pairs S3 knows; any other access key id is refused (InvalidAccessKeyId). */
  readonly credentials: readonly S3Credentials[];
  /** Milliseconds since the epoch; real time unless a test moves it. */
  readonly now?: () => number;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const HEX_SHA256 = /^[0-9a-f]{64}$/;
/** S3 accepts a header-signed request up to 15 minutes from its own clock (RequestTimeTooSkewed). */
const MAX_SKEW_MS = 15 * 60 * 1000;
/** A presigned URL lives at most a week. */
const MAX_EXPIRES_SECONDS = 7 * 24 * 60 * 60;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** What a request says about its signature, from the Authorization header or the presigned query. */
interface Authorization {
  readonly kind: 'header' | 'query';
  readonly accessKeyId: string;
  readonly scope: string;
  readonly region: string;
  readonly amzDate: string;
  readonly signingDate: Date;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  readonly payloadHash: string;
}

type Parsed = { readonly authorization: Authorization } | { readonly refusal: S3ErrorAnswer };

/** A request refused before its signature is checked: S3's status, code, message and any detail. */
const refused = (
  status: number,
  code: string,
  message: string,
  detail?: S3ErrorAnswer['detail'],
): Parsed => ({ refusal: { status, code, message, ...(detail === undefined ? {} : { detail }) } });

/**
 * Refuses what S3 refuses before it reaches `listener`. A body whose SHA-256 is signed (x-amz-content-sha256 of
 * a header-signed request) is read and checked, then replayed; UNSIGNED-PAYLOAD bodies stream through as sent.
 */
export function verifyingSignatures(listener: RequestListener, options: SignatureOptions): RequestListener {
  const signers = new Map(options.credentials.map((pair) => [pair.accessKeyId, new SignatureCheck(pair)]));
  const now = options.now ?? Date.now;
  return (request, response) => {
    // A CORS preflight carries no credentials, in S3 as in every browser.
    if (request.method === 'OPTIONS') {
      listener(request, response);
      return;
    }
    verify(request, signers, now())
      .then(async (refusal) => {
        if (refusal !== undefined) {
          answerS3Error(request, response, refusal);
          return;
        }
        const payloadHash = payloadHashOf(request);
        if (payloadHash === undefined || !HEX_SHA256.test(payloadHash)) {
          listener(request, response);
          return;
        }
        const body = await readBody(request);
        const computed = createHash('sha256').update(body).digest('hex');
        if (computed !== payloadHash) {
          answerS3Error(request, response, {
            status: 400,
            code: 'XAmzContentSHA256Mismatch',
            message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
            detail: { ClientComputedContentSHA256: payloadHash, S3ComputedContentSHA256: computed },
          });
          return;
        }
        listener(replayed(request, body), response);
      })
      .catch((error: unknown) => {
        // A fault of this stand-in, not an S3 answer: say so rather than hang the client.
        console.error('local S3: the signature check failed', error);
        response.destroy();
      });
  };
}

async function verify(
  request: IncomingMessage,
  signers: ReadonlyMap<string, SignatureCheck>,
  now: number,
): Promise<S3ErrorAnswer | undefined> {
  const { path, query } = splitUrl(request.url ?? '/');
  const parsed = parseAuthorization(request, query, now);
  if ('refusal' in parsed) return parsed.refusal;
  const { authorization } = parsed;
  const signer = signers.get(authorization.accessKeyId);
  if (signer === undefined) {
    return {
      status: 403,
      code: 'InvalidAccessKeyId',
      message: 'The AWS Access Key Id you provided does not exist in our records.',
      detail: { AWSAccessKeyId: authorization.accessKeyId },
    };
  }
  // S3 refuses x-amz-* headers that are not signed: they could change what was authorised.
  const unsigned = Object.keys(request.headers).filter(
    (name) => name.startsWith('x-amz-') && !authorization.signedHeaders.includes(name),
  );
  if (unsigned.length > 0) {
    return {
      status: 403,
      code: 'AccessDenied',
      message: 'There were headers present in the request which were not signed',
      detail: { HeadersNotSigned: unsigned.join(', ') },
    };
  }
  const canonicalHeaders = Object.fromEntries(
    authorization.signedHeaders.map((name) => [name, canonicalHeaderValue(request, name)]),
  );
  const expected = await signer.signatureOf({
    method: request.method ?? 'GET',
    path: canonicalPath(path),
    // X-Amz-Signature is left out by the signer's canonical query.
    query,
    headers: canonicalHeaders,
    payloadHash: authorization.payloadHash,
    authorization,
  });
  if (!sameSignature(expected.signature, authorization.signature)) {
    return {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      detail: {
        AWSAccessKeyId: authorization.accessKeyId,
        StringToSign: expected.stringToSign,
        SignatureProvided: authorization.signature,
        CanonicalRequest: expected.canonicalRequest,
      },
    };
  }
  return undefined;
}

function parseAuthorization(
  request: IncomingMessage,
  query: Readonly<Record<string, string | string[]>>,
  now: number,
): Parsed {
  const header = request.headers.authorization;
  const presigned = 'X-Amz-Algorithm' in query || 'X-Amz-Signature' in query || 'X-Amz-Credential' in query;
  const version2 = 'Signature' in query || 'AWSAccessKeyId' in query || header?.startsWith('AWS ') === true;
  if (header === undefined && !presigned && !version2) {
    // Anonymous: the stack's buckets block public access.
    return refused(403, 'AccessDenied', 'Access Denied');
  }
  if (version2) {
    // Regions opened after 2014, eu-north-1 among them, know SigV4 only.
    return refused(
      400,
      'InvalidRequest',
      'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
    );
  }
  if (header !== undefined && presigned) {
    return refused(
      400,
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      { ArgumentName: 'Authorization', ArgumentValue: header ?? '' },
    );
  }
  return header === undefined ? parseQuery(request, query, now) : parseHeader(request, header, now);
}

function parseHeader(request: IncomingMessage, header: string, now: number): Parsed {
  const malformed = (message: string): Parsed => refused(400, 'AuthorizationHeaderMalformed', message);
  const match = /^AWS4-HMAC-SHA256 (.*)$/.exec(header);
  if (match === null) {
    return refused(400, 'InvalidArgument', 'Unsupported Authorization Type', {
      ArgumentName: 'Authorization',
      ArgumentValue: header,
    });
  }
  const components = new Map(
    (match[1] ?? '').split(',').map((component) => {
      const [name = '', ...value] = component.trim().split('=');
      return [name, value.join('=')] as const;
    }),
  );
  const credential = components.get('Credential');
  const signedHeaders = components.get('SignedHeaders');
  const signature = components.get('Signature');
  if (credential === undefined || signedHeaders === undefined || signature === undefined) {
    return malformed(
      'The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature.',
    );
  }
  const amzDate = headerValue(request, 'x-amz-date');
  const signingDate = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (amzDate === undefined || signingDate === undefined) {
    return refused(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  }
  const payloadHash = headerValue(request, 'x-amz-content-sha256');
  if (payloadHash === undefined) {
    return refused(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  }
  if (
    payloadHash !== UNSIGNED_PAYLOAD &&
    !payloadHash.startsWith('STREAMING-') &&
    !HEX_SHA256.test(payloadHash)
  ) {
    return refused(
      400,
      'InvalidArgument',
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER or a valid sha256 value.',
      { ArgumentName: 'x-amz-content-sha256', ArgumentValue: payloadHash },
    );
  }
  if (payloadHash.startsWith('STREAMING-') && payloadHash !== UNSIGNED_TRAILER) {
    // Signed chunks carry a signature each, chained from the seed signature: not verified here, so refused
    // rather than stored with their framing. The SDK sends unsigned chunks with a trailer (decoded in
    // s3-integrity.ts).
    return refused(
      501,
      'NotImplemented',
      `The local S3 decodes aws-chunked uploads only as ${UNSIGNED_TRAILER}, not ${payloadHash}.`,
    );
  }
  if (Math.abs(now - signingDate.getTime()) > MAX_SKEW_MS) {
    return refused(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
      { RequestTime: amzDate, ServerTime: new Date(now).toISOString().replace(/\.\d+Z$/, 'Z') },
    );
  }
  const scope = parseScope(credential, amzDate);
  if (typeof scope === 'string') return malformed(`The authorization header is malformed; ${scope}`);
  return {
    authorization: {
      kind: 'header',
      ...scope,
      amzDate,
      signingDate,
      signedHeaders: signedHeaders.split(';'),
      signature,
      payloadHash,
    },
  };
}

function parseQuery(
  request: IncomingMessage,
  query: Readonly<Record<string, string | string[]>>,
  now: number,
): Parsed {
  const invalid = (message: string): Parsed => refused(400, 'AuthorizationQueryParametersError', message);
  const single = (name: string) => {
    const value = query[name];
    return typeof value === 'string' ? value : undefined;
  };
  if (single('X-Amz-Algorithm') !== ALGORITHM) {
    return invalid('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  }
  const credential = single('X-Amz-Credential');
  const amzDate = single('X-Amz-Date');
  const signedHeaders = single('X-Amz-SignedHeaders');
  const signature = single('X-Amz-Signature');
  const expires = single('X-Amz-Expires');
  if (
    credential === undefined ||
    amzDate === undefined ||
    signedHeaders === undefined ||
    signature === undefined ||
    expires === undefined
  ) {
    return invalid(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  const signingDate = parseAmzDate(amzDate);
  if (signingDate === undefined) {
    return invalid("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
  }
  if (!/^\d+$/.test(expires)) return invalid('X-Amz-Expires should be a number');
  const seconds = Number(expires);
  if (seconds > MAX_EXPIRES_SECONDS) {
    return invalid(
      'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
    );
  }
  const expiry = signingDate.getTime() + seconds * 1000;
  const serverTime = new Date(now).toISOString().replace(/\.\d+Z$/, 'Z');
  if (signingDate.getTime() - now > MAX_SKEW_MS) {
    // Signed for later than S3's clock allows (15 minutes ahead): S3 names X-Amz-Date in milliseconds.
    return refused(403, 'AccessDenied', 'Request is not yet valid', {
      'X-Amz-Date': String(signingDate.getTime()),
      Expires: new Date(expiry).toISOString().replace(/\.\d+Z$/, 'Z'),
      ServerTime: serverTime,
    });
  }
  if (now > expiry) {
    return {
      refusal: {
        status: 403,
        code: 'AccessDenied',
        message: 'Request has expired',
        detail: {
          'X-Amz-Expires': expires,
          Expires: new Date(expiry).toISOString().replace(/\.\d+Z$/, 'Z'),
          ServerTime: serverTime,
        },
      },
    };
  }
  const scope = parseScope(credential, amzDate);
  if (typeof scope === 'string') return invalid(`Error parsing the X-Amz-Credential parameter; ${scope}`);
  // A presigned URL signs no body unless a hash is given, in the query (the SDK hoists it) or as a header.
  const payloadHash =
    single('X-Amz-Content-Sha256') ?? headerValue(request, 'x-amz-content-sha256') ?? UNSIGNED_PAYLOAD;
  return {
    authorization: {
      kind: 'query',
      ...scope,
      amzDate,
      signingDate,
      signedHeaders: signedHeaders.split(';'),
      signature,
      payloadHash,
    },
  };
}

/** `<key>/<yyyymmdd>/<region>/s3/aws4_request`, dated the day of X-Amz-Date; or why not. */
function parseScope(
  credential: string,
  amzDate: string,
): { accessKeyId: string; scope: string; region: string } | string {
  const [accessKeyId = '', date, region, service, terminator, ...rest] = credential.split('/');
  if (rest.length > 0 || terminator !== 'aws4_request' || region === undefined || region === '') {
    return `the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`;
  }
  if (service !== 's3') return `incorrect service "${service}". This endpoint belongs to "s3".`;
  if (date !== amzDate.slice(0, 8)) {
    return `Invalid credential date "${date}". This date is not the same as X-Amz-Date: "${amzDate.slice(0, 8)}".`;
  }
  return { accessKeyId, scope: credential.slice(accessKeyId.length + 1), region };
}

function parseAmzDate(text: string): Date | undefined {
  const parts = AMZ_DATE.exec(text)?.slice(1).map(Number);
  if (parts === undefined) return undefined;
  const [year = 0, month = 1, day = 1, hours = 0, minutes = 0, seconds = 0] = parts;
  const date = new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function payloadHashOf(request: IncomingMessage): string | undefined {
  const { query } = splitUrl(request.url ?? '/');
  const fromQuery = query['X-Amz-Content-Sha256'];
  return typeof fromQuery === 'string' ? fromQuery : headerValue(request, 'x-amz-content-sha256');
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const values = request.headersDistinct[name];
  return values === undefined ? undefined : values.join(',');
}

/** Trimmed, inner whitespace folded, repeated headers joined by commas (SigV4's canonical header value). */
function canonicalHeaderValue(request: IncomingMessage, name: string): string {
  return (request.headersDistinct[name] ?? []).map((value) => value.replace(/\s+/g, ' ').trim()).join(',');
}

/** The path and the decoded query of a request target, repeated names as arrays; `+` is not a space in S3. */
function splitUrl(target: string): { path: string; query: Record<string, string | string[]> } {
  const at = target.indexOf('?');
  const path = at === -1 ? target : target.slice(0, at);
  const query: Record<string, string | string[]> = {};
  for (const pair of at === -1 ? [] : target.slice(at + 1).split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decoded(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? '' : decoded(pair.slice(equals + 1));
    const existing = query[name];
    query[name] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return { path, query };
}

/** S3 signs each path segment URI-encoded once, whatever encoding the client chose for the wire. */
function canonicalPath(path: string): string {
  return path
    .split('/')
    .map((segment) => escapeUri(decoded(segment)))
    .join('/');
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function sameSignature(expected: string, provided: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(provided);
  return a.length === b.length && timingSafeEqual(a, b);
}

interface CanonicalRequestParts {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | string[]>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly payloadHash: string;
  readonly authorization: Authorization;
}

/**
 * The signer of one key pair, used backwards: the canonical request is built from what arrived, and the
 * library's own canonicalisation (query order and escaping), string to sign and key derivation sign it.
 * No path escaping (S3 signs the path as sent, which `canonicalPath` already encoded once).
 */
class SignatureCheck extends SignatureV4 {
  constructor(credentials: S3Credentials) {
    super({ service: 's3', region: 'us-east-1', credentials, sha256: NodeSha256, uriEscapePath: false });
  }

  async signatureOf(
    parts: CanonicalRequestParts,
  ): Promise<{ signature: string; stringToSign: string; canonicalRequest: string }> {
    const { authorization } = parts;
    const canonicalRequest = this.createCanonicalRequest(
      {
        method: parts.method,
        protocol: 'http:',
        hostname: parts.headers.host ?? '',
        path: parts.path,
        query: { ...parts.query },
        headers: {},
      },
      parts.headers,
      parts.payloadHash,
    );
    const stringToSign = await this.createStringToSign(
      authorization.amzDate,
      authorization.scope,
      canonicalRequest,
      ALGORITHM,
    );
    const signature = await this.sign(stringToSign, {
      signingDate: authorization.signingDate,
      signingRegion: authorization.region,
      signingService: 's3',
    });
    return { signature, stringToSign, canonicalRequest };
  }
}

/** The SHA-256 (and HMAC-SHA256 when given a key) the signer needs, from node:crypto. */
class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }

  update(data: Uint8Array): void {
    this.hash.update(data);
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }

  reset(): void {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    const { secret } = this;
    if (secret === undefined) return createHash('sha256');
    if (typeof secret === 'string') return createHmac('sha256', secret);
    const bytes = ArrayBuffer.isView(secret)
      ? Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength)
      : Buffer.from(secret);
    return createHmac('sha256', bytes);
  }
}
