/**
 * Sends email through SES (API v2). The client comes from outside, so the handler's `index.ts` builds
 * it once per container and tests can point it at the local emulator or hand in a stub.
 *
 * SES failures are sorted into two kinds for the caller: MailerUnavailableError when the same message
 * may go through later (throttling, a quota, a 5xx, no answer at all), MailRejectedError when SES
 * refused it (MessageRejected, BadRequest, an unverified sender, a paused account). The SDK's own error
 * is never passed on as is: SES quotes unverified addresses in its messages, so a logged cause would
 * leak the recipient. The cause keeps only the error's name, status, code and AWS request id.
 */
import {
  SendEmailCommand,
  type SendEmailCommandInput,
  type SendEmailCommandOutput,
} from '@aws-sdk/client-sesv2';
import {
  type Mailer,
  MailerUnavailableError,
  MailRejectedError,
  type OutgoingMessage,
} from '../../domain/ports/mailer';

/** The one method used; an `SESv2Client` fits, and so does a stub in a unit test. */
export interface SesSender {
  send(command: SendEmailCommand): Promise<SendEmailCommandOutput>;
}

export interface SesMailerOptions {
  /** Routes delivery, bounce and complaint events to the configuration set's destinations. */
  readonly configurationSetName?: string;
}

const CHARSET = 'UTF-8';

// Names SES and the SDK use for "slow down"; SESv2 reports a spent daily quota as LimitExceededException.
const THROTTLING = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'LimitExceededException',
  'RequestLimitExceeded',
]);

export class SesMailer implements Mailer {
  private readonly client: SesSender;
  private readonly configurationSetName: string | undefined;

  constructor(client: SesSender, options: SesMailerOptions = {}) {
    this.client = client;
    this.configurationSetName = options.configurationSetName;
  }

  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    let output: SendEmailCommandOutput;
    try {
      output = await this.client.send(
        new SendEmailCommand(toSendEmailInput(message, this.configurationSetName)),
      );
    } catch (error) {
      throw translateSesError(error);
    }
    if (output.MessageId === undefined || output.MessageId === '') {
      // SES accepted the call but did not say so in the usual way: better a possible duplicate than a lost email.
      throw new MailerUnavailableError(
        'SES answered without a message id; the email may not have been sent',
        {
          reason: 'MissingMessageId',
          httpStatusCode: output.$metadata?.httpStatusCode,
        },
      );
    }
    return { messageId: output.MessageId };
  }
}

export function toSendEmailInput(
  message: OutgoingMessage,
  configurationSetName: string | undefined,
): SendEmailCommandInput {
  const { subject, text, html } = message.content;
  return {
    FromEmailAddress: message.from,
    Destination: { ToAddresses: [message.to] },
    ...(message.replyTo === undefined ? {} : { ReplyToAddresses: [message.replyTo] }),
    Content: {
      Simple: {
        Subject: { Data: subject, Charset: CHARSET },
        Body: { Text: { Data: text, Charset: CHARSET }, Html: { Data: html, Charset: CHARSET } },
      },
    },
    ...(message.tags === undefined
      ? {}
      : { EmailTags: Object.entries(message.tags).map(([Name, Value]) => ({ Name, Value })) }),
    ...(configurationSetName === undefined ? {} : { ConfigurationSetName: configurationSetName }),
  };
}

/** What an SDK error looks like from outside; fields are optional because anything can be thrown. */
interface SdkErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown; readonly requestId?: unknown };
}

/** Maps anything the SES client throws to one of the mailer's two errors, without its message. */
export function translateSesError(error: unknown): MailerUnavailableError | MailRejectedError {
  const shape: SdkErrorShape = typeof error === 'object' && error !== null ? error : {};
  const status =
    typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  const name = typeof shape.name === 'string' && shape.name !== '' ? shape.name : 'Error';
  // A network error is a plain Error whose `code` (ECONNREFUSED, ETIMEDOUT, …) says more than its name.
  const reason = name === 'Error' && typeof shape.code === 'string' ? shape.code : name;
  const requestId = typeof shape.$metadata?.requestId === 'string' ? shape.$metadata.requestId : undefined;
  const details = { reason, httpStatusCode: status, cause: redacted(reason, status, requestId) };
  const statusText = status === undefined ? 'no response' : `HTTP ${status}`;

  const retryable =
    status === undefined || // no answer at all: a timeout, a refused or reset connection
    status === 429 ||
    status >= 500 ||
    THROTTLING.has(name) ||
    Boolean(shape.$retryable);
  if (retryable) {
    return new MailerUnavailableError(`SES could not take the email now (${reason}, ${statusText})`, details);
  }
  return new MailRejectedError(`SES refused the email (${reason}, ${statusText})`, details);
}

/** A stand-in for the SDK error that keeps what helps find it in AWS, and nothing SES wrote about the message. */
function redacted(reason: string, status: number | undefined, requestId: string | undefined): Error {
  const parts = [status === undefined ? 'no response' : `HTTP ${status}`];
  if (requestId !== undefined) parts.push(`request id ${requestId}`);
  const cause = new Error(`${reason} (${parts.join(', ')})`);
  cause.name = reason;
  return cause;
}
