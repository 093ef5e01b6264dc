/**
 * DynamoDB's JSON API over a SigV4-signed `fetch`, for a function whose budget cannot carry the AWS SDK: the
 * public policy function (docs/architecture.md, "The public policy function"). Importing and constructing
 * `@aws-sdk/client-dynamodb` with `lib-dynamodb` costs that function ≈100 ms of its cold start; this costs
 * about a millisecond, since it is aws4fetch (≈6 KB, no dependencies, WebCrypto for the signature) and
 * Node's own `fetch`.
 *
 * Why aws4fetch rather than `@aws-lite/client`: it does one thing, signing and sending, retries 5xx and 429
 * with jittered backoff, and reads nothing at import (aws-lite looks for credential and config files and
 * loads its plugins). Why not our own signer: SigV4 is easy to get subtly wrong, and aws4fetch is widely
 * used and tested against AWS.
 *
 * The caller gets the operation's answer as DynamoDB sends it, attribute values still typed (`{ S: … }`):
 * it unmarshals only what its items hold. Only what the SDK's defaults would also do is done here:
 * credentials and region from the Lambda environment, the endpoint override the local stack uses.
 */
import { AwsClient } from 'aws4fetch';

/** Where to send DynamoDB calls and who signs them: the Lambda environment, as the SDK reads it. */
export interface AwsConnection {
  readonly region: string;
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * Lambda gives a function its role's session as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN, and its region as AWS_REGION. AWS_ENDPOINT_URL_DYNAMODB (then AWS_ENDPOINT_URL) is the
 * SDK's endpoint override: the local stack points every function at its IAM check in front of dynalite so.
 */
export function dynamoDbConnectionFrom(env: Record<string, string | undefined>): AwsConnection {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!region) throw new Error('AWS_REGION is not set: DynamoDB calls need a region');
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set: DynamoDB calls are signed');
  }
  const endpoint =
    env.AWS_ENDPOINT_URL_DYNAMODB || env.AWS_ENDPOINT_URL || `https://dynamodb.${region}.amazonaws.com`;
  return {
    region,
    endpoint,
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
  };
}

/** A DynamoDB attribute value as the JSON API sends it; only the kinds our callers read are named. */
export type AttributeValue =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly BOOL: boolean }
  | { readonly NULL: true }
  | Readonly<Record<string, unknown>>;

export type WireItem = Readonly<Record<string, AttributeValue>>;

/** A refused or failed call: DynamoDB's error type (`AccessDeniedException`, …) and its message. */
export class DynamoDbCallError extends Error {
  override name = 'DynamoDbCallError';

  constructor(
    readonly operation: string,
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(`DynamoDB ${operation} failed (${status} ${type}): ${message}`);
  }
}

/**
 * DynamoDB throttles with a 400, which aws4fetch does not retry (it retries 5xx and 429): these are retried
 * here, as the SDK's standard retry mode does.
 */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

export interface DynamoDbJsonOptions {
  /** Attempts after the first, for 5xx, 429 and throttling alike. */
  readonly retries?: number;
  /** The first backoff's ceiling; each retry doubles it (full jitter). */
  readonly initRetryMs?: number;
  /**
   * The whole call, retries included. A page that waits on a hung connection until the function's timeout
   * helps nobody; the policy function serves its bundled document instead.
   */
  readonly timeoutMs?: number;
}

export class DynamoDbJson {
  private readonly client: AwsClient;
  private readonly retries: number;
  private readonly initRetryMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly connection: AwsConnection,
    options: DynamoDbJsonOptions = {},
  ) {
    this.retries = options.retries ?? 2;
    this.initRetryMs = options.initRetryMs ?? 50;
    this.timeoutMs = options.timeoutMs ?? 3_000;
    this.client = new AwsClient({
      accessKeyId: connection.accessKeyId,
      secretAccessKey: connection.secretAccessKey,
      ...(connection.sessionToken === undefined ? {} : { sessionToken: connection.sessionToken }),
      // Given, not guessed from the host: a local endpoint names neither.
      service: 'dynamodb',
      region: connection.region,
      retries: this.retries,
      initRetryMs: this.initRetryMs,
    });
  }

  /** One call of the JSON API (`GetItem`, `Query`, …); its answer, or a DynamoDbCallError. */
  async call(operation: string, input: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    for (let attempt = 0; ; attempt++) {
      const response = await this.client.fetch(this.connection.endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.0',
          'X-Amz-Target': `DynamoDB_20120810.${operation}`,
        },
        body: JSON.stringify(input),
        signal,
      });
      const text = await response.text();
      if (response.ok) return parseObject(operation, response.status, text);
      const error = callError(operation, response.status, text);
      if (!THROTTLING.has(error.type) || attempt >= this.retries) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * this.initRetryMs * 2 ** attempt));
    }
  }
}

function parseObject(operation: string, status: number, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DynamoDbCallError(operation, status, 'InvalidResponse', 'the answer is not JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DynamoDbCallError(operation, status, 'InvalidResponse', 'the answer is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** `{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"…"}` */
function callError(operation: string, status: number, text: string): DynamoDbCallError {
  let body: { __type?: unknown; message?: unknown; Message?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not JSON (a proxy's page, say): the status says enough.
  }
  const type = String(body.__type ?? `Http${status}`);
  return new DynamoDbCallError(
    operation,
    status,
    type.slice(type.lastIndexOf('#') + 1),
    String(body.message ?? body.Message ?? 'no message'),
  );
}
