/**
 * A submission that a client may send again with the same `Idempotency-Key` header (a retry after a
 * timeout) and get the first answer back instead of a second request: Powertools Idempotency, with its
 * records in the table (`IDEMPOTENCY#<route>`, expiring after a day by the table's TTL). The same key with
 * another body is a client bug (422), and a key whose first request is still running answers 409 with
 * Retry-After, as the Idempotency-Key draft says.
 */
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { HttpError } from '../http/error-response';

/** What the recorded function gets: the key, and under `submission` what must match on a replay. */
export interface KeyedInput {
  readonly idempotencyKey: string;
  readonly submission: unknown;
}

export interface IdempotentSubmissionOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Names this route's records: `IDEMPOTENCY#<route>`. */
  readonly route: string;
}

/** Printable ASCII, 8 to 128 characters: long enough to be unique per client, short enough to key on. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,128}$/;

export function idempotentSubmission<Input extends KeyedInput, Output extends Record<string, unknown>>(
  run: (input: Input) => Promise<Output>,
  options: IdempotentSubmissionOptions,
): (input: Input, context: Context) => Promise<Output> {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'idempotencyKey',
    payloadValidationJmesPath: 'submission',
    hashFunction: 'sha256',
    expiresAfterSeconds: 24 * 60 * 60,
  });
  const once = makeIdempotent(run, {
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: options.tableName,
      keyAttr: 'pk',
      sortKeyAttr: 'sk',
      staticPkValue: `IDEMPOTENCY#${options.route}`,
      expiryAttr: 'expiresAt',
      awsSdkV3Client: options.client,
    }),
    config,
  });
  return async (input, context) => {
    if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
      throw new HttpError(
        400,
        'invalid_idempotency_key',
        'Idempotency-Key must be 8–128 printable characters',
      );
    }
    config.registerLambdaContext(context);
    return (await once(input).catch(rethrowIdempotencyErrors)) as Output;
  };
}

function rethrowIdempotencyErrors(error: unknown): never {
  if (error instanceof IdempotencyValidationError) {
    throw new HttpError(
      422,
      'idempotency_key_reused',
      'This Idempotency-Key was already used with a different request. Use a new key for a new request.',
    );
  }
  if (error instanceof IdempotencyAlreadyInProgressError) {
    throw new HttpError(
      409,
      'in_progress',
      'The same request is still being handled. Try again in a moment.',
      undefined,
      2,
    );
  }
  throw error;
}
