/**
 * Renders every email Personvern sends, in bokmål or English, as a subject and matching text and HTML
 * bodies. Pure: no clock, no I/O. Emails to requesters carry only the recipient's own name; the
 * notification to staff carries nothing about the sender at all.
 */
import { formatDate } from '../policy/i18n';
import { assertCalendarDate, assertCode, assertHours, assertWebUrl } from './guards';
import { EMAIL_TEXT } from './i18n';
import { type Block, type Control, type Layout, layoutHtml, layoutText } from './layout';
import type {
  ContactConfirmationEmail,
  ContactNotificationEmail,
  DeadlineDigestEmail,
  DeadlineExtendedEmail,
  DigestRow,
  DownloadCodeEmail,
  InformationRequestEmail,
  OutgoingEmail,
  RenderedEmail,
  RequestClosedUnverifiedEmail,
  RequestCompletedEmail,
  RequestReceiptEmail,
  RequestRejectedEmail,
  StaffAttentionEmail,
  VerificationCodeEmail,
} from './schema';

export { EmailContentError } from './guards';
export type { EmailKind, OutgoingEmail, RenderedEmail } from './schema';

/** @throws EmailContentError when a code, date, link or hour count could not be shown correctly. */
export function renderEmail(email: OutgoingEmail): RenderedEmail {
  const layout = compose(email);
  return { subject: layout.subject, text: layoutText(layout), html: layoutHtml(layout) };
}

function compose(email: OutgoingEmail): Layout {
  switch (email.kind) {
    case 'request-receipt':
      return requestReceipt(email);
    case 'verification-code':
      return verificationCode(email);
    case 'request-closed-unverified':
      return closedUnverified(email);
    case 'information-request':
      return informationRequest(email);
    case 'download-code':
      return downloadCode(email);
    case 'request-completed':
      return requestCompleted(email);
    case 'request-rejected':
      return requestRejected(email);
    case 'staff-attention':
      return staffAttention(email);
    case 'contact-confirmation':
      return contactConfirmation(email);
    case 'contact-notification':
      return contactNotification(email);
    case 'deadline-extended':
      return deadlineExtended(email);
    case 'deadline-digest':
      return deadlineDigest(email);
  }
}

function requestReceipt(email: RequestReceiptEmail): Layout {
  assertCode('code', email.code);
  assertCalendarDate('receivedDate', email.receivedDate);
  assertCalendarDate('dueDate', email.dueDate);
  assertWebUrl('verifyUrl', email.verifyUrl);
  assertWebUrl('statusUrl', email.statusUrl);
  assertHours('codeValidHours', email.codeValidHours);
  const ui = EMAIL_TEXT[email.lang];
  const t = ui.receipt;
  const eid = email.eidChosen === true;
  const [firstStep, ...laterSteps] = t.nextSteps(formatDate(email.dueDate, email.lang));
  const body: Block[] = [
    { kind: 'paragraph', text: ui.greeting(email.recipientName) },
    { kind: 'paragraph', text: t.intro(email.controllerName) },
    {
      kind: 'facts',
      caption: t.summaryCaption,
      rows: [
        [t.reference, email.requestId],
        [t.requestType, ui.requestTypes[email.requestType]],
        ...(email.aboutChild === undefined ? [] : [[t.aboutChild, email.aboutChild] as const]),
        [t.received, { date: email.receivedDate }],
        [t.due, { date: email.dueDate }],
      ],
    },
    { kind: 'heading', text: t.confirmHeading },
    {
      kind: 'paragraph',
      text: (control) => (eid ? t.eid.confirm : t.confirm)(ui.hours(email.codeValidHours), control),
    },
    { kind: 'code', label: t.codeLabel, code: email.code },
    { kind: 'button', label: t.confirmButton, url: email.verifyUrl, fallback: ui.buttonFallback },
    // The code proves the mailbox, ID-porten the person: the request waits for both.
    ...(eid ? [paragraph((control) => t.eid.signIn(t.statusButton, control))] : []),
    { kind: 'heading', text: t.nextHeading },
    { kind: 'steps', items: [eid ? t.eid.firstStep : (firstStep ?? ''), ...laterSteps] },
    { kind: 'paragraph', text: t.status },
    { kind: 'button', label: t.statusButton, url: email.statusUrl, fallback: ui.buttonFallback },
    { kind: 'paragraph', text: t.statusKeepPrivate },
    { kind: 'small', lines: [ui.signOff, email.controllerName] },
  ];
  return { lang: email.lang, subject: t.subject, body, footer: [{ kind: 'small', lines: [t.notYou] }] };
}

function verificationCode(email: VerificationCodeEmail): Layout {
  assertCode('code', email.code);
  assertWebUrl('verifyUrl', email.verifyUrl);
  assertWebUrl('statusUrl', email.statusUrl);
  assertHours('codeValidHours', email.codeValidHours);
  const ui = EMAIL_TEXT[email.lang];
  const t = ui.newCode;
  const body: Block[] = [
    { kind: 'paragraph', text: ui.greeting(email.recipientName) },
    { kind: 'paragraph', text: t.intro(email.requestId) },
    { kind: 'code', label: t.codeLabel, code: email.code },
    { kind: 'button', label: t.confirmButton, url: email.verifyUrl, fallback: ui.buttonFallback },
    { kind: 'paragraph', text: (control) => t.validity(ui.hours(email.codeValidHours), control) },
    ...(email.eidChosen === true ? [paragraph((control) => t.eid(ui.receipt.statusButton, control))] : []),
    { kind: 'paragraph', text: ui.receipt.status },
    { kind: 'button', label: ui.receipt.statusButton, url: email.statusUrl, fallback: ui.buttonFallback },
    { kind: 'paragraph', text: ui.receipt.statusKeepPrivate },
  ];
  return { lang: email.lang, subject: t.subject, body, footer: [{ kind: 'small', lines: [t.notYou] }] };
}

/** A paragraph whose words depend on whether the reader has a button (HTML) or a link (plain text). */
function paragraph(text: (control: Control) => string): Block {
  return { kind: 'paragraph', text };
}

function closedUnverified(email: RequestClosedUnverifiedEmail): Layout {
  assertWebUrl('requestFormUrl', email.requestFormUrl);
  const ui = EMAIL_TEXT[email.lang];
  const t = ui.closedUnverified;
  const body: Block[] = [
    { kind: 'paragraph', text: ui.greeting(email.recipientName) },
    { kind: 'paragraph', text: t.intro(email.requestId) },
    { kind: 'paragraph', text: t.nothingDone },
    { kind: 'paragraph', text: t.again },
    { kind: 'button', label: t.formButton, url: email.requestFormUrl, fallback: ui.buttonFallback },
    { kind: 'small', lines: [ui.signOff, email.controllerName] },
  ];
  return { lang: email.lang, subject: t.subject, body, footer: [] };
}

function downloadCode(email: DownloadCodeEmail): Layout {
  assertCode('code', email.code);
  const ui = EMAIL_TEXT[email.lang];
  const t = ui.downloadCode;
  const body: Block[] = [
    { kind: 'paragraph', text: ui.greeting(email.recipientName) },
    { kind: 'paragraph', text: t.intro(email.requestId) },
    { kind: 'code', label: t.codeLabel, code: email.code },
    { kind: 'paragraph', text: t.validity(email.codeValidMinutes) },
  ];
  return { lang: email.lang, subject: t.subject, body, footer: [{ kind: 'small', lines: [t.notYou] }] };
}

function informationRequest(email: InformationRequestEmail): Layout {
  const ui = EMAIL_TEXT[email.lang];
  const t = ui.informationRequest;
  const body: Block[] = [
    { kind: 'paragraph', text: ui.greeting(email.recipientName) },
    { kind: 'paragraph', text: t.intro(email.requestId) },
    { kind: 'heading', text: t.questionHeading },
    { kind: 'paragraph', text: email.question },
    { kind: 'paragraph', text: t.reply(email.replyTo) },
    { kind: 'small', lines: [ui.signOff, email.controllerName] },
  ];
  return { lang: email.lang, subject: t.subject, body, footer: [] };
}

function requestCompleted(email: RequestCompletedEmail): Layout {
  if (email.statusUrl !== undefined) assertWebUrl('statusUrl', email.statusUrl);
  assertWebUrl('authorityUrl', email.authorityUrl);
  const ui = EMAIL_TEXT[email.lang];
  const t = ui.completed;
  const body: Block[] = [
    { kind: 'paragraph', text: ui.greeting(email.recipientName) },
    { kind: 'paragraph', text: t.intro(ui.requestTypes[email.requestType], email.requestId) },
    { kind: 'heading', text: t.whatWeDid },
    { kind: 'steps', items: email.lines },
    ...(email.statusUrl === undefined
      ? []
      : ([
          { kind: 'paragraph', text: t.download },
          { kind: 'button', label: t.downloadButton, url: email.statusUrl, fallback: ui.buttonFallback },
        ] as const)),
    { kind: 'paragraph', text: `${t.complaint(email.authorityName)} ${email.authorityUrl}` },
    { kind: 'small', lines: [ui.signOff, email.controllerName] },
  ];
  return { lang: email.lang, subject: t.subject, body, footer: [] };
}

function requestRejected(email: RequestRejectedEmail): Layout {
  assertWebUrl('authorityUrl', email.authorityUrl);
  const ui = EMAIL_TEXT[email.lang];
  const t = ui.rejected;
  const body: Block[] = [
    { kind: 'paragraph', text: ui.greeting(email.recipientName) },
    { kind: 'paragraph', text: t.intro(ui.requestTypes[email.requestType], email.requestId) },
    { kind: 'heading', text: t.reasonHeading },
    { kind: 'paragraph', text: email.reason },
    { kind: 'paragraph', text: `${t.complaint(email.authorityName)} ${email.authorityUrl}` },
    { kind: 'paragraph', text: t.court },
    { kind: 'small', lines: [ui.signOff, email.controllerName] },
  ];
  return { lang: email.lang, subject: t.subject, body, footer: [] };
}

function staffAttention(email: StaffAttentionEmail): Layout {
  assertWebUrl('consoleUrl', email.consoleUrl);
  const ui = EMAIL_TEXT[email.lang];
  const t = ui.attention;
  const body: Block[] = [
    { kind: 'paragraph', text: ui.greetingStaff },
    { kind: 'paragraph', text: t.intro(email.requestId, email.stage) },
    { kind: 'button', label: t.openButton, url: email.consoleUrl, fallback: ui.buttonFallback },
  ];
  return { lang: email.lang, subject: t.subject(email.requestId), body, footer: [] };
}

function contactConfirmation(email: ContactConfirmationEmail): Layout {
  const ui = EMAIL_TEXT[email.lang];
  const t = ui.contactConfirmation;
  const body: Block[] = [
    { kind: 'paragraph', text: ui.greeting(email.recipientName) },
    { kind: 'paragraph', text: t.intro(email.controllerName) },
    { kind: 'paragraph', text: `${t.reference}: ${email.messageId}` },
    { kind: 'paragraph', text: t.notRepeated },
    { kind: 'small', lines: [ui.signOff, email.controllerName] },
  ];
  return { lang: email.lang, subject: t.subject, body, footer: [{ kind: 'small', lines: [t.notYou] }] };
}

function contactNotification(email: ContactNotificationEmail): Layout {
  assertWebUrl('consoleUrl', email.consoleUrl);
  const ui = EMAIL_TEXT[email.lang];
  const t = ui.contactNotification;
  const body: Block[] = [
    { kind: 'paragraph', text: ui.greetingStaff },
    { kind: 'paragraph', text: t.intro(email.controllerName) },
    { kind: 'paragraph', text: `${t.messageId}: ${email.messageId}` },
    { kind: 'button', label: t.openButton, url: email.consoleUrl, fallback: ui.buttonFallback },
    { kind: 'paragraph', text: t.whyNoDetails },
  ];
  return {
    lang: email.lang,
    subject: t.subject(email.messageId),
    body,
    footer: [{ kind: 'small', lines: [t.automatic] }],
  };
}

function deadlineExtended(email: DeadlineExtendedEmail): Layout {
  assertCalendarDate('originalDueDate', email.originalDueDate);
  assertCalendarDate('newDueDate', email.newDueDate);
  const ui = EMAIL_TEXT[email.lang];
  const t = ui.extended;
  const body: Block[] = [
    { kind: 'paragraph', text: ui.greeting(email.recipientName) },
    { kind: 'paragraph', text: t.intro(ui.requestTypes[email.requestType], email.requestId) },
    { kind: 'heading', text: t.reasonHeading },
    { kind: 'paragraph', text: email.reason },
    {
      kind: 'facts',
      caption: t.summaryCaption,
      rows: [
        [t.reference, email.requestId],
        [t.originalDue, { date: email.originalDueDate }],
        [t.newDue, { date: email.newDueDate }],
      ],
    },
    { kind: 'paragraph', text: t.newDate(formatDate(email.newDueDate, email.lang)) },
    { kind: 'paragraph', text: t.reply(email.replyTo) },
    { kind: 'small', lines: [ui.signOff, email.controllerName] },
  ];
  return { lang: email.lang, subject: t.subject, body, footer: [] };
}

/** Sections in order of urgency; an empty section is left out. Rows hold ids, types, dates and steps only. */
function deadlineDigest(email: DeadlineDigestEmail): Layout {
  assertCalendarDate('date', email.date);
  const ui = EMAIL_TEXT[email.lang];
  const t = ui.digest;
  const date = formatDate(email.date, email.lang);
  const sections = (['overdue', 'dueWithinTwoDays', 'dueWithinSevenDays', 'decisionNudges'] as const)
    .map((name) => [t.sections[name], email[name]] as const)
    .filter(([, rows]) => rows.length > 0);
  const count = new Set(sections.flatMap(([, rows]) => rows.map((row) => row.requestId))).size;
  const body: Block[] = [
    { kind: 'paragraph', text: ui.greetingStaff },
    { kind: 'paragraph', text: t.intro(email.controllerName, date) },
    ...(email.escalation ? [{ kind: 'paragraph', text: t.escalationNote } as const] : []),
    ...sections.flatMap(([heading, rows]): Block[] => [
      { kind: 'heading', text: `${heading} (${rows.length})` },
      ...rows.flatMap((row) => digestRow(row, email)),
    ]),
    { kind: 'paragraph', text: t.whyNoDetails },
  ];
  return {
    lang: email.lang,
    subject: email.escalation ? t.escalatedSubject(date, email.overdue.length) : t.subject(date, count),
    body,
    footer: [{ kind: 'small', lines: [t.automatic] }],
  };
}

function digestRow(row: DigestRow, email: DeadlineDigestEmail): Block[] {
  assertCalendarDate('dueDate', row.dueDate);
  if (row.extendBy !== undefined) assertCalendarDate('extendBy', row.extendBy);
  assertWebUrl('consoleUrl', row.consoleUrl);
  const ui = EMAIL_TEXT[email.lang];
  const t = ui.digest;
  return [
    {
      kind: 'facts',
      caption: row.requestId,
      rows: [
        [t.requestType, t.requestTypes[row.requestType]],
        [t.due, `${formatDate(row.dueDate, email.lang)} (${t.daysLeft(row.daysLeft)})`],
        [t.pending, row.pendingStep ?? t.notStarted],
      ],
    },
    ...(row.extendBy === undefined
      ? []
      : [{ kind: 'paragraph', text: t.extendBy(formatDate(row.extendBy, email.lang)) } as const]),
    {
      kind: 'button',
      label: t.openButton(row.requestId),
      url: row.consoleUrl,
      fallback: ui.buttonFallback,
    },
  ];
}
