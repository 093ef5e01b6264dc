/**
 * Reads the Mailchimp connector's settings from one Secrets Manager secret, a JSON string:
 *
 *   { "apiKey": "<32 hex>-us6", "serverPrefix": "us6", "listId": "a1b2c3d4e5" }
 *
 * The handler's `index.ts` builds one reader per container; what it read is kept for a while (5 minutes by
 * default), so a warm Lambda does not call Secrets Manager on every step and a rotated key still arrives
 * soon. `forget` drops the cached value at once, e.g. after Mailchimp answered 401.
 *
 * Errors are the connector errors, so the workflow treats a missing or broken secret like any refused
 * call (a staff task) and a throttled or unreachable Secrets Manager like any unavailable system (retry).
 * No message or cause contains the secret's value: neither JSON.parse's message (it quotes the text) nor
 * zod's (it may quote the input) nor the SDK's error is passed on.
 */
import { GetSecretValueCommand, type GetSecretValueCommandOutput } from '@aws-sdk/client-secrets-manager';
import { ConnectorFailedError, ConnectorUnavailableError } from '../../domain/connectors/connector';
import * as z from '../../domain/zod';

/** The one method used; a `SecretsManagerClient` fits, and so does a stub in a unit test. */
export interface SecretsSource {
  send(command: GetSecretValueCommand): Promise<GetSecretValueCommandOutput>;
}

export const MailchimpCredentialsSchema = z
  .object({
    /** `<key>-<dc>`; Mailchimp's keys are 32 hex digits and the data centre. */
    apiKey: z.string().check(z.regex(/^[A-Za-z0-9]{16,64}(-[a-z]{2,10}[0-9]{1,4})?$/)),
    serverPrefix: z.string().check(z.regex(/^[a-z]{2,10}[0-9]{1,4}$/)),
    listId: z.string().check(z.regex(/^[A-Za-z0-9]{1,32}$/)),
  })
  .check(
    z.refine(({ apiKey, serverPrefix }) => !apiKey.includes('-') || apiKey.endsWith(`-${serverPrefix}`), {
      message: 'the API key belongs to another data centre than serverPrefix',
      path: ['serverPrefix'],
    }),
  );

export type MailchimpCredentials = z.infer<typeof MailchimpCredentialsSchema>;

export const DEFAULT_CREDENTIALS_TTL_MS = 5 * 60 * 1000;

export interface MailchimpCredentialsReaderOptions {
  /** How long a value read is used before Secrets Manager is asked again. */
  readonly ttlMs?: number;
  /** For tests. */
  readonly now?: () => number;
}

// Names Secrets Manager and the SDK use for "slow down" or "try again".
const RETRYABLE = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'InternalServiceError',
  'InternalServiceErrorException',
  'ServiceUnavailable',
  'TimeoutError',
]);

interface Cached {
  readonly value: Promise<MailchimpCredentials>;
  readonly expiresAt: number;
}

export class MailchimpCredentialsReader {
  private readonly client: SecretsSource;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly cache = new Map<string, Cached>();

  constructor(client: SecretsSource, options: MailchimpCredentialsReaderOptions = {}) {
    this.client = client;
    this.ttlMs = options.ttlMs ?? DEFAULT_CREDENTIALS_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** The credentials in `secretId` (a name or an ARN); concurrent callers share one request. */
  read(secretId: string): Promise<MailchimpCredentials> {
    const cached = this.cache.get(secretId);
    if (cached !== undefined && cached.expiresAt > this.now()) return cached.value;
    const value = this.fetch(secretId);
    const entry = { value, expiresAt: this.now() + this.ttlMs };
    this.cache.set(secretId, entry);
    // A failure is not kept: the next call asks again.
    value.catch(() => {
      if (this.cache.get(secretId) === entry) this.cache.delete(secretId);
    });
    return value;
  }

  /** Forgets what was read from `secretId`, so the next `read` asks Secrets Manager. */
  forget(secretId: string): void {
    this.cache.delete(secretId);
  }

  private async fetch(secretId: string): Promise<MailchimpCredentials> {
    let output: GetSecretValueCommandOutput;
    try {
      output = await this.client.send(new GetSecretValueCommand({ SecretId: secretId }));
    } catch (error) {
      throw translateSecretsError(error, secretId);
    }
    return parseCredentials(output.SecretString, secretId);
  }
}

/** Validates the secret's text; messages name the fields at fault, never their values. */
export function parseCredentials(secretString: string | undefined, secretId: string): MailchimpCredentials {
  if (secretString === undefined) {
    throw new ConnectorFailedError(
      `The Mailchimp secret ${secretId} has no SecretString (binary secrets are not read)`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(secretString);
  } catch {
    throw new ConnectorFailedError(`The Mailchimp secret ${secretId} is not JSON`);
  }
  const result = MailchimpCredentialsSchema.safeParse(json);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
    throw new ConnectorFailedError(
      `The Mailchimp secret ${secretId} is not valid: check ${fields.join(', ')} (apiKey, serverPrefix and listId are required)`,
    );
  }
  return result.data;
}

interface SdkErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown; readonly requestId?: unknown };
}

/** Maps what the Secrets Manager client throws to a connector error, keeping only its name and status. */
export function translateSecretsError(
  error: unknown,
  secretId: string,
): ConnectorUnavailableError | ConnectorFailedError {
  const shape: SdkErrorShape = typeof error === 'object' && error !== null ? error : {};
  const status =
    typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  const name = typeof shape.name === 'string' && /^[A-Za-z]{1,60}$/.test(shape.name) ? shape.name : 'Error';
  const reason = name === 'Error' && typeof shape.code === 'string' ? shape.code : name;
  const requestId = typeof shape.$metadata?.requestId === 'string' ? shape.$metadata.requestId : undefined;
  const parts = [reason, status === undefined ? 'no response' : `HTTP ${status}`];
  if (requestId !== undefined) parts.push(`request id ${requestId}`);
  const cause = new Error(parts.join(', '));
  cause.name = reason;

  const retryable =
    status === undefined ||
    status === 429 ||
    status >= 500 ||
    RETRYABLE.has(name) ||
    Boolean(shape.$retryable);
  if (retryable) {
    return new ConnectorUnavailableError(
      `Secrets Manager could not hand out the Mailchimp secret ${secretId} now (${parts.join(', ')})`,
      undefined,
      { cause },
    );
  }
  // ResourceNotFoundException, AccessDeniedException, DecryptionFailure (KMS), InvalidRequestException…
  return new ConnectorFailedError(
    `Secrets Manager refused the Mailchimp secret ${secretId} (${parts.join(', ')})`,
    { cause },
  );
}
