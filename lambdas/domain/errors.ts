/**
 * The domain's error family. Handlers never build HTTP errors themselves: the HTTP edge maps these
 * classes to status codes (adapters/http/error-response.ts), so the domain stays transport-free.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input that breaks the contract; `fields` maps a field path to one readable message. */
export class ValidationError extends DomainError {
  readonly code = 'validation_failed';

  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** The caller is signed in but may not see this, e.g. staff of one controller asking for another's request. */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

export class ConflictError extends DomainError {
  readonly code = 'conflict';
}

/** Too many attempts from one address or client; try again after `retryAfterSeconds`. */
export class TooManyRequestsError extends DomainError {
  readonly code = 'rate_limited';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
