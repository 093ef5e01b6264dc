/**
 * Reads an SES event (as SES publishes it to SNS through a configuration set's event destination) into the
 * suppressions it implies: every recipient of a permanent bounce, and every complainant. Transient bounces
 * (a full mailbox) imply nothing. Pure; an event that is not JSON or not of these kinds implies nothing.
 */
import type { Pseudonyms } from '../pseudonyms';
import { recipientKey } from './recipients';

export interface EmailSuppression {
  /** The recipient key (hash of the address): the address itself is not kept for this. */
  readonly to: string;
  readonly reason: 'bounce' | 'complaint';
  readonly at: string;
}

interface SesEvent {
  readonly eventType?: string;
  readonly notificationType?: string;
  readonly bounce?: {
    readonly bounceType?: string;
    readonly timestamp?: string;
    readonly bouncedRecipients?: readonly { readonly emailAddress?: string }[];
  };
  readonly complaint?: {
    readonly timestamp?: string;
    readonly complainedRecipients?: readonly { readonly emailAddress?: string }[];
  };
}

export function suppressionsFromSesEvent(message: string, pseudonyms: Pseudonyms): EmailSuppression[] {
  let event: SesEvent;
  try {
    event = JSON.parse(message) as SesEvent;
  } catch {
    return [];
  }
  const type = event.eventType ?? event.notificationType;
  const addresses = (list: readonly { emailAddress?: string }[] | undefined) =>
    (list ?? [])
      .map((entry) => entry.emailAddress)
      .filter((address): address is string => typeof address === 'string');
  if (type === 'Bounce' && event.bounce?.bounceType === 'Permanent') {
    const at = event.bounce.timestamp ?? new Date(0).toISOString();
    return addresses(event.bounce.bouncedRecipients).map((email) => ({
      to: recipientKey(pseudonyms, email),
      reason: 'bounce',
      at,
    }));
  }
  if (type === 'Complaint') {
    const at = event.complaint?.timestamp ?? new Date(0).toISOString();
    return addresses(event.complaint?.complainedRecipients).map((email) => ({
      to: recipientKey(pseudonyms, email),
      reason: 'complaint',
      at,
    }));
  }
  return [];
}
