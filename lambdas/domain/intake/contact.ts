/**
 * Accepting a contact message: validate, store it once, and hand it to the contact workflow, which
 * sends the sender's confirmation and the controller's notification with retries.
 */
import type { NoticeConsents } from '../notices/consent';
import { mainController } from '../policy/queries';
import type { PolicyDocument } from '../policy/schema';
import type { WorkflowStarter } from '../ports/workflow-starter';
import { honeypotFilled } from './honeypot';
import { submissionLanguage } from './i18n';
import { parseSubmission } from './parse';
import { enforceSubmissionLimits, type RateLimiter, type SubmissionLimits } from './rate-limits';
import { contactSubmissionSchema } from './submissions';

export interface ContactMessageRecord {
  readonly id: string;
  readonly controllerId: string;
  readonly lang: 'nb' | 'en';
  readonly receivedAt: string;
  readonly sender: { readonly name: string; readonly email: string; readonly phone?: string };
  readonly message: string;
  readonly status: 'new';
}

export interface ContactMessageStore {
  /** Creates the message; never overwrites one with the same id. */
  create(message: ContactMessageRecord): Promise<void>;
}

export interface AcceptContactDeps {
  readonly policy: PolicyDocument;
  readonly messages: ContactMessageStore;
  readonly notifications: WorkflowStarter;
  readonly clock: () => Date;
  readonly newId: () => string;
  /** The same limits as requests: each message sends an email to the address given. */
  readonly limiter: RateLimiter;
  readonly limits: SubmissionLimits;
  /** Where a ticked "tell me about policy changes" box is recorded; without it the box is ignored. */
  readonly noticeConsents?: NoticeConsents;
}

export interface AcceptedContact {
  readonly id: string;
  readonly lang: 'nb' | 'en';
  readonly controllerId: string;
  /** False for a honeypot hit: the caller answers as usual, but nothing was kept or sent. */
  readonly stored: boolean;
}

export async function acceptContactMessage(
  input: unknown,
  deps: AcceptContactDeps,
  context: { readonly clientIp?: string } = {},
): Promise<AcceptedContact> {
  // The sender's language words the field messages too; a valid submission has the same `lang`.
  const lang = submissionLanguage(input);
  const submission = parseSubmission(contactSubmissionSchema(deps.policy, lang), input, lang);
  const id = deps.newId();
  const controllerId = submission.controller ?? mainController(deps.policy).id;
  if (honeypotFilled(submission)) {
    return { id, lang, controllerId, stored: false };
  }
  await enforceSubmissionLimits(
    deps.limiter,
    deps.limits,
    { form: 'contact', email: submission.email, clientIp: context.clientIp },
    deps.clock(),
  );
  await deps.messages.create({
    id,
    controllerId,
    lang,
    receivedAt: deps.clock().toISOString(),
    sender: {
      name: submission.name,
      email: submission.email,
      ...(submission.phone === undefined ? {} : { phone: submission.phone }),
    },
    message: submission.message,
    status: 'new',
  });
  if (submission.policyNotices) await deps.noticeConsents?.record(submission.email, lang, `contact:${id}`);
  await deps.notifications.start(id);
  return { id, lang, controllerId, stored: true };
}
