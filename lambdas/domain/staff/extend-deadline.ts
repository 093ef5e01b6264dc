/**
 * Extending a request's deadline (GDPR Art. 12(3)): once, only while the original due date has not
 * passed (end of that day in Oslo), with a reason that is sent to the requester in their language.
 *
 * The extension is one conditional write (refused when the request was extended meanwhile or is no
 * longer open), then an audit event (ids and dates only), then the requester's email, then a mark that
 * the email went out. Should the email fail, the extension stands and the call fails; the next attempt
 * finds the extension without its mark, sends the email it owes, and answers 409 as for any second
 * extension. So the requester is told at least once.
 */

import type { AuditTrail } from '../audit/trail';
import { canExtend, EXTENSION_MONTHS, type ExtensionMonths, endOfDayInstant } from '../deadlines';
import { renderEmail } from '../email/render';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { findController } from '../policy/queries';
import type { PolicyDocument } from '../policy/schema';
import type { Mailer } from '../ports/mailer';
import type { RequestRecord, RequestStore } from '../requests/record';
import { type StaffMember, visibleTo } from './access';

export const MAX_REASON_LENGTH = 2000;

/** What an extension adds to the request item. */
export interface Extension {
  readonly originalDueDate: string;
  readonly dueDate: string;
  readonly dueAt: string;
  readonly extendedAt: string;
  readonly extendedBy: string;
  readonly extensionReason: string;
}

export type ExtendedRequest = RequestRecord &
  Partial<Extension> & { readonly extensionNoticeSentAt?: string };

export interface DeadlineExtensionStore {
  /**
   * Sets the new `dueDate`/`dueAt` (the open-requests index re-sorts the request by it) and records the
   * extension, if the request is still open, not extended, and still due on `originalDueDate`.
   * False when any of that no longer holds.
   */
  extend(requestId: string, extension: Extension): Promise<boolean>;
  markExtensionNoticeSent(requestId: string, at: string): Promise<void>;
}

export interface ExtendDeadlineDeps {
  readonly policy: PolicyDocument;
  readonly requests: Pick<RequestStore, 'get'>;
  readonly extensions: DeadlineExtensionStore;
  readonly audit: AuditTrail;
  readonly mailer: Mailer;
  readonly mailFrom: string;
  readonly clock: () => Date;
}

export interface ExtendOutcome {
  readonly requestId: string;
  readonly originalDueDate: string;
  readonly dueDate: string;
  readonly dueAt: string;
  readonly extendedAt: string;
}

/**
 * Reads `{ "reason": "…", "months": 1 | 2 }`: the reason is required, 1–2000 characters after trimming; the
 * length defaults to the legal maximum of two months (Art. 12(3)).
 */
export function readExtensionBody(body: unknown): { reason: string; months: ExtensionMonths } {
  const fields = body as Record<string, unknown> | null;
  const reason = fields?.reason;
  const months = fields?.months ?? 2;
  if (!EXTENSION_MONTHS.includes(months as ExtensionMonths)) {
    throw new ValidationError('The extension is one or two months', {
      months: 'Choose 1 or 2: the GDPR (Art. 12(3)) allows at most two further months.',
    });
  }
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw new ValidationError('An extension needs a reason', {
      reason: 'Say why more time is needed; the requester is told.',
    });
  }
  if (reason.trim().length > MAX_REASON_LENGTH) {
    throw new ValidationError('The reason is too long', {
      reason: `At most ${MAX_REASON_LENGTH} characters.`,
    });
  }
  return { reason: reason.trim(), months: months as ExtensionMonths };
}

export async function extendDeadline(
  requestId: string,
  body: unknown,
  staff: StaffMember,
  deps: ExtendDeadlineDeps,
): Promise<ExtendOutcome> {
  const stored = await deps.requests.get(requestId);
  // Another company's request answers like one that does not exist.
  const request = visibleTo(
    staff,
    stored?.kind === 'request' ? (stored as ExtendedRequest) : undefined,
    'request',
  );
  const { reason, months } = readExtensionBody(body);
  const now = deps.clock();

  if (request.extendedAt !== undefined) {
    if (request.extensionNoticeSentAt === undefined) await notifyRequester(request, deps, now);
    throw new ConflictError(
      `The deadline was already extended on ${request.extendedAt.slice(0, 10)} (to ${request.dueDate}); it can be extended only once.`,
    );
  }
  if (request.status !== 'verified') {
    throw new ConflictError(
      request.status === 'awaiting-verification'
        ? 'The requester has not verified this request yet; there is no deadline to extend.'
        : 'This request is closed; its deadline can no longer be extended.',
    );
  }
  const check = canExtend({
    receivedAt: request.receivedAt,
    dueDate: request.dueDate,
    extendedAlready: false,
    now,
    months,
  });
  if (!check.ok) {
    throw new ConflictError(
      `Too late to extend: the original due date ${request.dueDate} has passed. An extension must be given before the end of that day.`,
    );
  }
  const extension: Extension = {
    originalDueDate: request.dueDate,
    dueDate: check.newDueDate,
    dueAt: endOfDayInstant(check.newDueDate),
    extendedAt: now.toISOString(),
    extendedBy: staff.username,
    extensionReason: reason,
  };
  if (!(await deps.extensions.extend(request.id, extension))) {
    throw new ConflictError(
      'The request changed meanwhile (extended by someone else, or closed); reload it.',
    );
  }
  await deps.audit.append(
    request.id,
    {
      action: 'deadline-extended',
      actor: { kind: 'staff', id: staff.username },
      details: { originalDueDate: extension.originalDueDate, newDueDate: extension.dueDate, months },
    },
    extension.extendedAt,
  );
  await notifyRequester({ ...request, ...extension }, deps, now);
  return {
    requestId: request.id,
    originalDueDate: extension.originalDueDate,
    dueDate: extension.dueDate,
    dueAt: extension.dueAt,
    extendedAt: extension.extendedAt,
  };
}

async function notifyRequester(request: ExtendedRequest, deps: ExtendDeadlineDeps, now: Date): Promise<void> {
  const controller = findController(deps.policy, request.controllerId);
  if (controller === undefined)
    throw new NotFoundError(`Controller ${request.controllerId} is not in the policy`);
  await deps.mailer.send({
    to: request.requester.email,
    from: deps.mailFrom,
    replyTo: controller.privacyContactEmail,
    content: renderEmail({
      kind: 'deadline-extended',
      lang: request.lang,
      recipientName: request.requester.name,
      requestId: request.id,
      requestType: request.type,
      controllerName: controller.legalName,
      reason: request.extensionReason ?? '',
      originalDueDate: request.originalDueDate ?? request.dueDate,
      newDueDate: request.dueDate,
      replyTo: controller.privacyContactEmail,
    }),
    tags: { email: 'deadline-extended' },
  });
  await deps.extensions.markExtensionNoticeSent(request.id, now.toISOString());
}
