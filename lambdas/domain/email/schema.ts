/**
 * The emails Personvern sends, as data. Each kind carries exactly the facts its text needs and no more:
 * a field that is not here cannot leak into a message. That is why `contact-notification` has no field
 * for the sender, and `contact-confirmation` none for the message text (a mistyped address would
 * otherwise receive it).
 *
 * The schema validates an email read back from storage or a state payload (a retried send); the
 * renderer imports only the types, so its bundle stays free of zod.
 */
import { LANGUAGES } from '../policy/language';
import { RequestTypeSchema } from '../policy/schema';
import * as z from '../zod';
import { CODE_PATTERN } from './guards';

const Text = z.string().check(z.regex(/\S/, 'must not be empty'));
const Id = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be an id of letters, digits, "-" and "_"'));
const Lang = z.enum(LANGUAGES);
const CalendarDate = z.iso.date({ error: 'must be a date in YYYY-MM-DD form' });
const Code = z.string().check(z.regex(CODE_PATTERN, 'must be six digits'));
// http as well as https: the local stack serves its pages on http://127.0.0.1.
const WebUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) address' });
const Hours = z.int().check(z.gte(1)).check(z.lte(168));

export const RequestReceiptEmailSchema = z.strictObject({
  kind: z.literal('request-receipt'),
  lang: Lang,
  /** The requester's own name; never anyone else's (not the child of an `onBehalfOf` request). */
  recipientName: Text,
  requestId: Id,
  requestType: RequestTypeSchema,
  /**
   * The child a guardian asks for, so that a parent with requests for several children can tell the
   * receipts apart. Only ever sent to the guardian who typed the name.
   */
  aboutChild: z.optional(Text),
  controllerName: Text,
  /** The receipt's Oslo date. */
  receivedDate: CalendarDate,
  /** The last day to answer, inclusive. */
  dueDate: CalendarDate,
  code: Code,
  verifyUrl: WebUrl,
  /** Carries the requester's secret status token. */
  statusUrl: WebUrl,
  codeValidHours: Hours,
  /**
   * The requester chose to confirm who they are with ID-porten: the code then confirms only the address, and
   * the email says to sign in on the status page (docs/id-porten.md, "eID proves the person, not the mailbox").
   */
  eidChosen: z.optional(z.literal(true)),
});

/** A new code after `POST /requests/{id}/resend`. */
export const VerificationCodeEmailSchema = z.strictObject({
  kind: z.literal('verification-code'),
  lang: Lang,
  recipientName: Text,
  requestId: Id,
  code: Code,
  verifyUrl: WebUrl,
  /** Carries a fresh status token, so the page the link opens can lead back to the status page. */
  statusUrl: WebUrl,
  codeValidHours: Hours,
  /** As on the receipt: one sentence on ID-porten, for a requester who chose it. */
  eidChosen: z.optional(z.literal(true)),
});

/** The verification window ended without a code: the request is closed, and may be filed again. */
export const RequestClosedUnverifiedEmailSchema = z.strictObject({
  kind: z.literal('request-closed-unverified'),
  lang: Lang,
  recipientName: Text,
  requestId: Id,
  controllerName: Text,
  /** Where a new request can be filed. */
  requestFormUrl: WebUrl,
});

/** Staff asked the requester for more information during the identity check. */
export const InformationRequestEmailSchema = z.strictObject({
  kind: z.literal('information-request'),
  lang: Lang,
  recipientName: Text,
  requestId: Id,
  controllerName: Text,
  /** What staff ask, in their words. */
  question: Text,
  /** Where to answer: the controller's privacy contact. */
  replyTo: z.email(),
});

/** The answer: what was done, system by system, in lines the workflow has already worded. */
export const RequestCompletedEmailSchema = z.strictObject({
  kind: z.literal('request-completed'),
  lang: Lang,
  recipientName: Text,
  requestId: Id,
  requestType: RequestTypeSchema,
  controllerName: Text,
  lines: z.array(Text).check(z.minLength(1)).check(z.maxLength(200)),
  /** For access and portability: the status page, where the export is downloaded. */
  statusUrl: z.optional(WebUrl),
  authorityName: Text,
  authorityUrl: WebUrl,
});

/** A refusal, with the reason and the right to complain. */
export const RequestRejectedEmailSchema = z.strictObject({
  kind: z.literal('request-rejected'),
  lang: Lang,
  recipientName: Text,
  requestId: Id,
  requestType: RequestTypeSchema,
  controllerName: Text,
  reason: Text,
  authorityName: Text,
  authorityUrl: WebUrl,
});

/** To the controller's privacy contact: a step kept failing. Ids only. */
export const StaffAttentionEmailSchema = z.strictObject({
  kind: z.literal('staff-attention'),
  lang: Lang,
  requestId: Id,
  stage: Id,
  controllerName: Text,
  consoleUrl: WebUrl,
});

/** A fresh code to download the export: proof, again, that the person at the address is asking. */
export const DownloadCodeEmailSchema = z.strictObject({
  kind: z.literal('download-code'),
  lang: Lang,
  recipientName: Text,
  requestId: Id,
  code: Code,
  codeValidMinutes: z.int().check(z.gte(1)).check(z.lte(120)),
});

/** To the sender of a contact message. */
export const ContactConfirmationEmailSchema = z.strictObject({
  kind: z.literal('contact-confirmation'),
  lang: Lang,
  recipientName: Text,
  messageId: Id,
  controllerName: Text,
});

/** To the controller's privacy contact: staff read the message itself in the console. */
export const ContactNotificationEmailSchema = z.strictObject({
  kind: z.literal('contact-notification'),
  lang: Lang,
  messageId: Id,
  controllerName: Text,
  consoleUrl: WebUrl,
});

/** To the requester: the deadline is extended (GDPR Art. 12(3)), with staff's reason and the new date. */
export const DeadlineExtendedEmailSchema = z.strictObject({
  kind: z.literal('deadline-extended'),
  lang: Lang,
  recipientName: Text,
  requestId: Id,
  requestType: RequestTypeSchema,
  controllerName: Text,
  /** Why more time is needed, in staff's words. */
  reason: Text,
  originalDueDate: CalendarDate,
  newDueDate: CalendarDate,
  /** Where to ask about it: the controller's privacy contact. */
  replyTo: z.email(),
});

/** One open request in the daily digest: ids, type, dates and the pending step, never the requester. */
export const DigestRowSchema = z.strictObject({
  requestId: Id,
  requestType: RequestTypeSchema,
  dueDate: CalendarDate,
  /** Oslo days to the due date: 0 on the day, negative once passed. */
  daysLeft: z.int(),
  /** The workflow stage, an attention flag (`attention: <stage>`) or nothing yet. */
  pendingStep: z.optional(Text.check(z.maxLength(100))),
  /** For the day-21 nudge: the last day an extension can still be given (the original due date). */
  extendBy: z.optional(CalendarDate),
  consoleUrl: WebUrl,
});

const DigestRows = z.array(DigestRowSchema).check(z.maxLength(1000));

/** To a controller's privacy contact (and, when something is overdue, a copy to the privacy officer). */
export const DeadlineDigestEmailSchema = z.strictObject({
  kind: z.literal('deadline-digest'),
  lang: Lang,
  controllerName: Text,
  /** The Oslo date the digest is for. */
  date: CalendarDate,
  overdue: DigestRows,
  dueWithinTwoDays: DigestRows,
  dueWithinSevenDays: DigestRows,
  decisionNudges: DigestRows,
  /** The privacy officer's copy of a digest with overdue requests. */
  escalation: z.boolean(),
});

export const OutgoingEmailSchema = z.discriminatedUnion('kind', [
  DeadlineExtendedEmailSchema,
  DeadlineDigestEmailSchema,
  RequestReceiptEmailSchema,
  VerificationCodeEmailSchema,
  RequestClosedUnverifiedEmailSchema,
  InformationRequestEmailSchema,
  DownloadCodeEmailSchema,
  RequestCompletedEmailSchema,
  RequestRejectedEmailSchema,
  StaffAttentionEmailSchema,
  ContactConfirmationEmailSchema,
  ContactNotificationEmailSchema,
]);

export type OutgoingEmail = z.output<typeof OutgoingEmailSchema>;
export type EmailKind = OutgoingEmail['kind'];
export type RequestReceiptEmail = z.output<typeof RequestReceiptEmailSchema>;
export type VerificationCodeEmail = z.output<typeof VerificationCodeEmailSchema>;
export type RequestClosedUnverifiedEmail = z.output<typeof RequestClosedUnverifiedEmailSchema>;
export type DownloadCodeEmail = z.output<typeof DownloadCodeEmailSchema>;
export type InformationRequestEmail = z.output<typeof InformationRequestEmailSchema>;
export type RequestCompletedEmail = z.output<typeof RequestCompletedEmailSchema>;
export type RequestRejectedEmail = z.output<typeof RequestRejectedEmailSchema>;
export type StaffAttentionEmail = z.output<typeof StaffAttentionEmailSchema>;
export type ContactConfirmationEmail = z.output<typeof ContactConfirmationEmailSchema>;
export type ContactNotificationEmail = z.output<typeof ContactNotificationEmailSchema>;
export type DeadlineExtendedEmail = z.output<typeof DeadlineExtendedEmailSchema>;
export type DigestRow = z.output<typeof DigestRowSchema>;
export type DeadlineDigestEmail = z.output<typeof DeadlineDigestEmailSchema>;

/** What a mailer sends: one subject, and the same message as plain text and as HTML. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}
