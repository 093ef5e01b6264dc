/**
 * The port the domain sends email through. Any implementation (SES, a test double) reports failure
 * with these two errors, so callers decide between "try again later" and "give up" without knowing
 * which service is behind it.
 *
 * Neither error ever holds the recipient's address or the content: both end up in logs.
 */
import type { RenderedEmail } from '../email/schema';

export interface OutgoingMessage {
  readonly to: string;
  readonly from: string;
  readonly replyTo?: string;
  readonly content: RenderedEmail;
  /** Attached to the message for delivery events (e.g. `kind: request-receipt`); never personal data. */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface Mailer {
  send(message: OutgoingMessage): Promise<{ messageId: string }>;
}

interface MailerErrorDetails {
  /** What the service called the failure, e.g. `TooManyRequestsException`, `MessageRejected`, `ECONNREFUSED`. */
  readonly reason: string;
  readonly httpStatusCode?: number;
  readonly cause?: unknown;
}

/** The service could not take the message now (throttled, down, unreachable): the same message may succeed later. */
export class MailerUnavailableError extends Error {
  override readonly name = 'MailerUnavailableError';
  readonly retryable = true;
  readonly reason: string;
  readonly httpStatusCode: number | undefined;

  constructor(message: string, details: MailerErrorDetails) {
    super(message, { cause: details.cause });
    this.reason = details.reason;
    this.httpStatusCode = details.httpStatusCode;
  }
}

/** The service refused this message: sending it again unchanged fails the same way. */
export class MailRejectedError extends Error {
  override readonly name = 'MailRejectedError';
  readonly retryable = false;
  readonly reason: string;
  readonly httpStatusCode: number | undefined;

  constructor(message: string, details: MailerErrorDetails) {
    super(message, { cause: details.cause });
    this.reason = details.reason;
    this.httpStatusCode = details.httpStatusCode;
  }
}
