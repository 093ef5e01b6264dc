/**
 * The contact workflow's one step, run twice: the sender's confirmation and the controller's notice.
 * Each email is marked as sent on the message, so a retried step does not send it again. The sender's
 * confirmation goes to a mailbox at most once a day (CONFIRMATION_WINDOW_SECONDS).
 */

import { consoleMessageUrl } from '../email/console-links';
import { renderEmail } from '../email/render';
import type { OutgoingEmail } from '../email/schema';
import { NotFoundError } from '../errors';
import { findController } from '../policy/queries';
import type { PolicyDocument } from '../policy/schema';
import type { Mailer } from '../ports/mailer';
import type { ContactMessageRecord } from './contact';
import { mailboxOf } from './rate-limits';

export type ContactEmail = 'confirmation' | 'notification';

/**
 * A mailbox gets at most one confirmation a day, however many messages name it. Anyone can type any
 * address into the form: without this, the form would mail-bomb a stranger from STERK's own domain.
 * Every message is still stored and its notice still reaches staff.
 */
export const CONFIRMATION_WINDOW_SECONDS = 24 * 60 * 60;

export interface ContactMessageReader {
  /** The message as received; whether staff have handled it by now does not change its emails. */
  get(
    id: string,
  ): Promise<
    | (Omit<ContactMessageRecord, 'status'> & { emailsSent?: Partial<Record<ContactEmail, string>> })
    | undefined
  >;
  markEmailSent(id: string, email: ContactEmail, at: string): Promise<void>;
  /**
   * Claims this mailbox's confirmation for the message until `until`: true if no other message holds
   * it (or this one already does, so a retried step still sends), false while another message does.
   */
  claimConfirmation(mailbox: string, messageId: string, until: Date, now: Date): Promise<boolean>;
}

export interface SendContactEmailDeps {
  readonly policy: PolicyDocument;
  readonly messages: ContactMessageReader;
  readonly mailer: Mailer;
  readonly mailFrom: string;
  readonly consoleUrl: string;
  readonly clock: () => Date;
}

export async function sendContactEmail(
  input: { messageId: string; email: ContactEmail },
  deps: SendContactEmailDeps,
): Promise<{ sent: boolean }> {
  const message = await deps.messages.get(input.messageId);
  if (message === undefined) throw new NotFoundError(`Contact message ${input.messageId} does not exist`);
  if (message.emailsSent?.[input.email] !== undefined) return { sent: false };
  if (input.email === 'confirmation') {
    const now = deps.clock();
    const until = new Date(now.getTime() + CONFIRMATION_WINDOW_SECONDS * 1000);
    const claimed = await deps.messages.claimConfirmation(
      mailboxOf(message.sender.email),
      message.id,
      until,
      now,
    );
    if (!claimed) return { sent: false };
  }
  const controller = findController(deps.policy, message.controllerId);
  if (controller === undefined)
    throw new NotFoundError(`Controller ${message.controllerId} is not in the policy`);

  const [to, email]: [string, OutgoingEmail] =
    input.email === 'confirmation'
      ? [
          message.sender.email,
          {
            kind: 'contact-confirmation',
            lang: message.lang,
            recipientName: message.sender.name,
            messageId: message.id,
            controllerName: controller.legalName,
          },
        ]
      : [
          controller.privacyContactEmail,
          {
            kind: 'contact-notification',
            // Staff at STERK work in Norwegian.
            lang: 'nb',
            messageId: message.id,
            controllerName: controller.legalName,
            consoleUrl: consoleMessageUrl(deps.consoleUrl, message.id),
          },
        ];
  await deps.mailer.send({
    to,
    from: deps.mailFrom,
    content: renderEmail(email),
    tags: { email: email.kind },
  });
  await deps.messages.markEmailSent(message.id, input.email, deps.clock().toISOString());
  return { sent: true };
}
