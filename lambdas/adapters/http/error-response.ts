import type { MiddlewareObj } from '@middy/core';
import { isRetryableByTrait, isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { DomainError, TooManyRequestsError, ValidationError } from '../../domain/errors';
import { MailerUnavailableError } from '../../domain/ports/mailer';
import { logger } from '../observability/logger';

/** An HTTP-level rejection raised by the edge itself (unsupported media type, body too large, …). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    /** Sent as Retry-After, for a refusal the client should simply repeat later. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const statusByDomainCode: Record<string, number> = {
  validation_failed: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

/** `{ "error": { code, message, fields? } }`: 4xx say what is wrong; 5xx say nothing about internals. */
export function errorResponse(error: unknown): APIGatewayProxyResult {
  if (error instanceof HttpError) {
    const response = jsonError(
      error.statusCode,
      error.code,
      error.message,
      error.fields,
      error.retryAfterSeconds,
    );
    if (error.retryAfterSeconds !== undefined) {
      response.headers = { ...response.headers, 'Retry-After': String(error.retryAfterSeconds) };
    }
    return response;
  }
  if (error instanceof DomainError) {
    const fields =
      error instanceof ValidationError && Object.keys(error.fields).length > 0 ? error.fields : undefined;
    const response = jsonError(statusByDomainCode[error.code] ?? 400, error.code, error.message, fields);
    if (error instanceof TooManyRequestsError) {
      response.headers = { ...response.headers, 'Retry-After': String(error.retryAfterSeconds) };
    }
    return response;
  }
  if (error instanceof MailerUnavailableError) {
    // SES throttled or unreachable after the SDK's retries: nothing was sent, and a new try may work.
    const response = jsonError(
      503,
      'email_unavailable',
      'We could not send the email just now. Try again in a minute.',
      undefined,
      EMAIL_RETRY_AFTER_SECONDS,
    );
    response.headers = { ...response.headers, 'Retry-After': String(EMAIL_RETRY_AFTER_SECONDS) };
    return response;
  }
  if (isTransient(error)) {
    // The SDK's own retries ran out on a passing fault (throttling, a 5xx, a dropped connection). Nothing
    // was half-done that a retry would repeat (writes are conditional or idempotent), so say "try again".
    const response = jsonError(
      503,
      'service_unavailable',
      'We could not take this just now. Please try again in a few seconds.',
    );
    response.headers = { ...response.headers, 'Retry-After': String(RETRY_AFTER_SECONDS) };
    return response;
  }
  return jsonError(500, 'internal_error', 'Something went wrong on our side. Please try again later.');
}

const RETRY_AFTER_SECONDS = 2;
const EMAIL_RETRY_AFTER_SECONDS = 60;

/**
 * Whether an AWS call failed in a way that may pass on its own, by the SDK's own classification. Looks
 * through `cause`: Powertools' idempotency wraps the persistence layer's errors.
 */
export function isTransient(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const sdkError = current as Parameters<typeof isThrottlingError>[0];
    if (
      isRetryableByTrait(sdkError) ||
      isThrottlingError(sdkError) ||
      isTransientError(sdkError) ||
      isServerError(sdkError)
    ) {
      return true;
    }
    current = current.cause;
  }
  return false;
}

/** A script can wait `retryAfterSeconds` (also in Retry-After) before it tries again. */
function jsonError(
  statusCode: number,
  code: string,
  message: string,
  fields?: Record<string, string>,
  retryAfterSeconds?: number,
): APIGatewayProxyResult {
  const error = {
    code,
    message,
    ...(fields === undefined ? {} : { fields }),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    body: JSON.stringify({ error }),
  };
}

export function errorResponder(): MiddlewareObj {
  return {
    onError: (request) => {
      const response = errorResponse(request.error);
      // The error object, not the event: the event may carry personal data. A 503 is a passing fault the
      // client will retry: a warning, so error alarms stay about real faults.
      if (response.statusCode === 503) logger.warn('Asked the client to retry', request.error as Error);
      else if (response.statusCode >= 500) logger.error('Unhandled error', request.error as Error);
      request.response = response;
    },
  };
}
